package sandbox.dynamodb;

import java.util.Arrays;
import java.util.Collection;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Striped write locks: one item's writes are serialised (condition check, write, journal and stream
 * record in commit order) without a table-wide lock. Several stripes are always taken in ascending
 * order, so transactions cannot deadlock.
 */
final class ItemLocks {

    private static final int STRIPES = 4096;
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    ItemLocks() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    int stripe(Table table, ItemKey key) {
        int h = table.id().hashCode() * 31 + key.hashCode();
        h ^= h >>> 16;
        return h & (STRIPES - 1);
    }

    /** Locks one item; unlock with {@link #unlock(int)}. */
    int lock(Table table, ItemKey key) {
        int s = stripe(table, key);
        locks[s].lock();
        return s;
    }

    void unlock(int stripe) {
        locks[stripe].unlock();
    }

    /** Locks the stripes of several items in ascending order; returns them for {@link #unlockAll}. */
    int[] lockAll(Collection<Integer> stripes) {
        int[] sorted = stripes.stream().mapToInt(Integer::intValue).distinct().toArray();
        Arrays.sort(sorted);
        for (int s : sorted) {
            locks[s].lock();
        }
        return sorted;
    }

    void unlockAll(int[] stripes) {
        for (int i = stripes.length - 1; i >= 0; i--) {
            locks[stripes[i]].unlock();
        }
    }
}
