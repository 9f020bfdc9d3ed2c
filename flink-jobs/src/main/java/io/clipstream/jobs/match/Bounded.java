package io.clipstream.jobs.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** Bounded, oldest-first lists kept in state. */
final class Bounded {

    private Bounded() {}

    static <T> List<T> toList(Iterable<T> items) {
        List<T> list = new ArrayList<>();
        if (items != null) {
            items.forEach(list::add);
        }
        return list;
    }

    /**
     * {@code items} plus {@code item}, without the oldest entries beyond {@code max}; an entry with
     * the same id is replaced, so a record delivered twice (at-least-once replay) is held once.
     */
    static <T> List<T> append(Iterable<T> items, T item, int max, Function<T, String> idOf) {
        List<T> list = toList(items);
        String id = idOf.apply(item);
        list.removeIf(existing -> Objects.equals(idOf.apply(existing), id));
        list.add(item);
        if (list.size() > max) {
            return new ArrayList<>(list.subList(list.size() - max, list.size()));
        }
        return list;
    }
}
