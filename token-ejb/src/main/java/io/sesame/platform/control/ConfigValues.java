package io.sesame.platform.control;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Helpers for reading settings, shared by the components' settings classes. */
public final class ConfigValues {

    private ConfigValues() {
    }

    /** Payara's MicroProfile Config cannot inject Optional<List<…>>: lists are read as comma-separated text. */
    public static List<String> commaSeparated(Optional<String> value) {
        return value.stream().flatMap(v -> Arrays.stream(v.split(","))).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    public static Optional<String> present(Optional<String> value) {
        return value.filter(s -> !s.isBlank());
    }
}
