package io.clipstream.jobs.match;

import java.util.ArrayList;
import java.util.List;

/** Lists from state iterables. */
final class Bounded {

    private Bounded() {}

    static <T> List<T> toList(Iterable<T> items) {
        List<T> list = new ArrayList<>();
        if (items != null) {
            items.forEach(list::add);
        }
        return list;
    }
}
