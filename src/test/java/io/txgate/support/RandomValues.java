package io.txgate.support;

import java.util.List;
import java.util.Random;

/**
 * Random values for {@link PropertyCheck} generators, biased towards the edges of their range: about one draw in eight
 * is a bound (or zero, when it lies inside), since that is where off-by-one errors live and a uniform draw rarely lands
 * there.
 */
public final class RandomValues {

    private static final int EDGE_ONE_IN = 8;

    private RandomValues() {}

    /** An int in [min, max], both included. */
    public static int intBetween(Random random, int min, int max) {
        return (int) longBetween(random, min, max);
    }

    /** A long in [min, max], both included. */
    public static long longBetween(Random random, long min, long max) {
        if (min > max) {
            throw new IllegalArgumentException("min " + min + " > max " + max);
        }
        if (random.nextInt(EDGE_ONE_IN) == 0) {
            return switch (random.nextInt(3)) {
                case 0 -> min;
                case 1 -> max;
                default -> min <= 0 && 0 <= max ? 0 : min;
            };
        }
        return min + Math.floorMod(random.nextLong(), max - min + 1);
    }

    /** Any byte, with 0, 1, -1, the smallest and the largest as edges. */
    public static byte anyByte(Random random) {
        if (random.nextInt(EDGE_ONE_IN) == 0) {
            return oneOf(random, List.of((byte) 0, (byte) 1, (byte) -1, Byte.MIN_VALUE, Byte.MAX_VALUE));
        }
        return (byte) random.nextInt(256);
    }

    /** Any UTF-16 char, unpaired surrogates included, with NUL, space, the surrogate bounds and U+FFFF as edges. */
    public static char anyChar(Random random) {
        if (random.nextInt(EDGE_ONE_IN) == 0) {
            return oneOf(random, List.of('\u0000', ' ', '\ud800', '\udfff', '\uffff'));
        }
        return (char) random.nextInt(Character.MAX_VALUE + 1);
    }

    /** A string of {@code min} to {@code max} chars, each one of {@code chars}. */
    public static String stringOf(Random random, String chars, int min, int max) {
        int length = intBetween(random, min, max);
        var text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(chars.charAt(random.nextInt(chars.length())));
        }
        return text.toString();
    }

    /** A string of {@code min} to {@code max} decimal digits. */
    public static String digits(Random random, int min, int max) {
        return stringOf(random, "0123456789", min, max);
    }

    public static <T> T oneOf(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    @SafeVarargs
    public static <T> T oneOf(Random random, T... values) {
        return values[random.nextInt(values.length)];
    }

    /**
     * Picks a branch with probability proportional to its weight: {@code weighted(random, 4, 1)} returns 0 four times
     * as often as 1.
     */
    public static int weighted(Random random, int... weights) {
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        int pick = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            pick -= weights[i];
            if (pick < 0) {
                return i;
            }
        }
        throw new IllegalStateException("unreachable");
    }
}
