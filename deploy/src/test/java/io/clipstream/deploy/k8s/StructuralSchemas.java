package io.clipstream.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Turns the OpenAPI v3 schema of a CustomResourceDefinition into a plain JSON Schema (draft 7) that
 * fails where the API server would silently drop or reject a field.
 *
 * <p>A structural CRD schema prunes unknown fields by default: the API server accepts the object and
 * discards what its schema does not name, so a misspelt key is lost without a word. For the manifests
 * of this project an unknown field is therefore an error: every object schema that neither declares
 * {@code additionalProperties} nor sets {@code x-kubernetes-preserve-unknown-fields} gets
 * {@code additionalProperties: false}. {@code nullable} becomes a {@code null} type; the
 * {@code x-kubernetes-*} extensions {@code format} and {@code example} (annotations only) are
 * dropped. The root {@code metadata}, which a CRD leaves as a bare object, is replaced by the part of
 * ObjectMeta that a manifest may set.
 */
final class StructuralSchemas {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String PRESERVE = "x-kubernetes-preserve-unknown-fields";

    private StructuralSchemas() {}

    /** A strict JSON Schema for one CRD version's {@code openAPIV3Schema}. */
    static ObjectNode strict(JsonNode openApiV3Schema) {
        ObjectNode root = openApiV3Schema.deepCopy();
        tighten(root);
        ObjectNode properties = (ObjectNode) root.get("properties");
        properties.set("metadata", objectMeta());
        // some generators leave the type fields out of the schema; the API server always accepts them
        properties.putObject("apiVersion").put("type", "string");
        properties.putObject("kind").put("type", "string");
        ArrayNode required = root.has("required") ? (ArrayNode) root.get("required") : root.putArray("required");
        for (String field : List.of("apiVersion", "kind", "metadata")) {
            if (!contains(required, field)) {
                required.add(field);
            }
        }
        root.put("$schema", "http://json-schema.org/draft-07/schema#");
        return root;
    }

    private static void tighten(ObjectNode schema) {
        boolean preserveUnknown = schema.path(PRESERVE).asBoolean(false);
        boolean nullable = schema.path("nullable").asBoolean(false);
        List<String> drop = new ArrayList<>();
        for (Iterator<String> names = schema.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (name.startsWith("x-kubernetes-") || name.equals("nullable") || name.equals("format")
                    || name.equals("example")) {
                drop.add(name);
            }
        }
        schema.remove(drop);

        if (schema.get("properties") instanceof ObjectNode properties) {
            for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
                tightenIfObject(it.next().getValue());
            }
        }
        tightenIfObject(schema.get("items"));
        tightenIfObject(schema.get("additionalProperties"));
        tightenIfObject(schema.get("not"));
        for (String combinator : List.of("anyOf", "allOf", "oneOf")) {
            if (schema.get(combinator) instanceof ArrayNode branches) {
                branches.forEach(StructuralSchemas::tightenIfObject);
            }
        }

        boolean isObject = "object".equals(schema.path("type").asText()) || schema.has("properties");
        if (isObject && !preserveUnknown && !schema.has("additionalProperties")) {
            schema.put("additionalProperties", false);
        }
        if (nullable && schema.get("type") != null && schema.get("type").isTextual()) {
            ArrayNode types = NODES.arrayNode().add(schema.get("type").asText()).add("null");
            schema.set("type", types);
        }
    }

    private static void tightenIfObject(JsonNode node) {
        if (node instanceof ObjectNode object) {
            tighten(object);
        }
    }

    private static ObjectNode objectMeta() {
        ObjectNode meta = NODES.objectNode().put("type", "object").put("additionalProperties", false);
        meta.putArray("required").add("name");
        ObjectNode properties = meta.putObject("properties");
        properties.putObject("name").put("type", "string")
                .put("pattern", "^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$");
        properties.putObject("namespace").put("type", "string");
        for (String map : List.of("labels", "annotations")) {
            properties.putObject(map).put("type", "object")
                    .putObject("additionalProperties").put("type", "string");
        }
        return meta;
    }

    private static boolean contains(ArrayNode array, String value) {
        for (JsonNode element : array) {
            if (value.equals(element.asText())) {
                return true;
            }
        }
        return false;
    }
}
