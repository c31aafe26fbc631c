package io.txgate.support;

import java.util.HexFormat;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * Runs a property over many random inputs, each made from a seed of its own, and names the seed of a failing input so
 * that {@code -Dtxgate.seed=<seed>} makes exactly that input again.
 *
 * <p>Without that setting every run starts from a new base seed, so each build tries inputs no build tried before;
 * with it, every property in the run checks the one input of that seed. Generators take everything they make from the
 * {@link Random} they are given, so a seed always makes the same input.
 */
public final class PropertyCheck {

    /** The system property that replays one input: the seed a failure printed. */
    public static final String SEED_PROPERTY = "txgate.seed";

    private static final int MAX_INPUT_CHARS = 10_000;

    private PropertyCheck() {}

    /**
     * Checks {@code property} on {@code tries} inputs from {@code generator}; the first failure ends the run with the
     * input, its seed and the command that replays it.
     */
    public static <T> void forAll(int tries, Function<Random, T> generator, ThrowingConsumer<T> property) {
        String replay = System.getProperty(SEED_PROPERTY);
        if (replay != null && !replay.isBlank()) {
            check(Long.parseLong(replay.strip()), 1, 1, generator, property);
            return;
        }
        var seeds = new SplittableRandom(ThreadLocalRandom.current().nextLong());
        for (int attempt = 1; attempt <= tries; attempt++) {
            check(seeds.nextLong(), attempt, tries, generator, property);
        }
    }

    private static <T> void check(
            long seed, int attempt, int tries, Function<Random, T> generator, ThrowingConsumer<T> property) {
        T input = generator.apply(new Random(seed));
        try {
            property.accept(input);
        } catch (Throwable failure) {
            throw new AssertionError(
                    "property failed on try %d of %d with seed %d%n  replay: ./mvnw test -Dtest='%s' -D%s=%d%n  input: %s%n  failure: %s"
                            .formatted(
                                    attempt,
                                    tries,
                                    seed,
                                    callingTest(),
                                    SEED_PROPERTY,
                                    seed,
                                    describe(input),
                                    failure.getMessage()),
                    failure);
        }
    }

    /** The test method that called forAll, as surefire's -Dtest names it. */
    private static String callingTest() {
        return StackWalker.getInstance()
                .walk(frames -> frames.dropWhile(frame -> frame.getClassName().equals(PropertyCheck.class.getName()))
                        .findFirst()
                        .map(frame -> simpleName(frame.getClassName()) + "#" + frame.getMethodName())
                        .orElse("?"));
    }

    private static String simpleName(String className) {
        String outer = className.contains("$") ? className.substring(0, className.indexOf('$')) : className;
        return outer.substring(outer.lastIndexOf('.') + 1);
    }

    private static String describe(Object input) {
        String text = input instanceof byte[] bytes
                ? bytes.length + " bytes, hex " + HexFormat.of().formatHex(bytes)
                : String.valueOf(input);
        return text.length() > MAX_INPUT_CHARS
                ? text.substring(0, MAX_INPUT_CHARS) + "... (" + text.length() + " chars)"
                : text;
    }
}
