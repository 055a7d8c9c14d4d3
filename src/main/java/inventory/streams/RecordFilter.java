package inventory.streams;

import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * Which stream records the route has anything to do with, decided on the raw SDK record. The consumer makes
 * exchanges only of those; every other record is finished at once, in its place in the shard's order, and
 * checkpointed like a record the route finished. During a bulk import nearly every record is one the route
 * would drop, and an exchange (its properties, processors and event notifiers) costs far more than this test.
 */
@FunctionalInterface
public interface RecordFilter {

    /** Every record becomes an exchange (Camel's behaviour). */
    RecordFilter ALL = record -> true;

    /** False only when the route would do nothing with the record: it must never drop one the route acts on. */
    boolean wanted(Record record);
}
