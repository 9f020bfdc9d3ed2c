package io.clipstream.dataset;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Phrases names the way people write captions and prompts: {@code a cat}, {@code an emoji of a cat},
 * {@code a picture of a cat}, {@code a photo of a cat}, {@code the cat}, with the indefinite article
 * chosen by the name's first sound ({@code an apple}, {@code a unicorn}).
 */
public final class CaptionTemplates {

    /** The templates; {@code {a}} is the article of the name, {@code {}} the name. */
    static final List<String> TEMPLATES = List.of("{a} {}", "an emoji of {a} {}", "a picture of {a} {}", "a photo of {a} {}", "the {}");

    // vowel letters that are read with a consonant sound: "a unicorn", "a one", "a european"
    private static final Pattern CONSONANT_SOUND = Pattern.compile("^(uni|use|usu|ura|ure|uro|eu|one|once|ewe).*");

    private CaptionTemplates() {}

    /** "a" or "an" before {@code name}. */
    public static String article(String name) {
        if (name.isEmpty()) {
            return "a";
        }
        char c = name.charAt(0);
        boolean vowel = "aeiou".indexOf(c) >= 0 && !CONSONANT_SOUND.matcher(name).matches();
        boolean anLetter = name.length() == 1 && "aefhilmnorsx".indexOf(c) >= 0;
        return vowel || anLetter || name.startsWith("hour") || name.startsWith("honest") ? "an" : "a";
    }

    /** Every template applied to every name, in template order within name order. */
    public static List<String> expand(Collection<String> names) {
        List<String> out = new ArrayList<>();
        for (String name : names) {
            for (String t : TEMPLATES) {
                out.add(t.replace("{a}", article(name)).replace("{}", name));
            }
        }
        return out;
    }
}
