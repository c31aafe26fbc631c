package io.txgate.status;

import java.util.ArrayList;
import java.util.List;

/**
 * The last {@code capacity} points, oldest dropped first: a fixed array, so 15 minutes of history cost the same
 * memory after a day as after a minute. Written by the sampler's thread, read by requests.
 */
final class StatusHistory {

    private final StatusPoint[] points;
    private int next;
    private int size;

    StatusHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        points = new StatusPoint[capacity];
    }

    synchronized void add(StatusPoint point) {
        points[next] = point;
        next = (next + 1) % points.length;
        size = Math.min(size + 1, points.length);
    }

    /** The points kept, oldest first. */
    synchronized List<StatusPoint> points() {
        var oldestFirst = new ArrayList<StatusPoint>(size);
        int start = (next - size + points.length) % points.length;
        for (int i = 0; i < size; i++) {
            oldestFirst.add(points[(start + i) % points.length]);
        }
        return oldestFirst;
    }

    int capacity() {
        return points.length;
    }
}
