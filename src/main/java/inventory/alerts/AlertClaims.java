package inventory.alerts;

import inventory.streams.ReaderTurn;

/**
 * The durable record of each alert's fate, keyed by its stream event: claimed before it is published, then
 * published or dead-lettered. A record read again (after a crash between two checkpoints, or by the next leader)
 * whose alert was settled is not sent again. With several instances a claim is also fenced: only the reader of the
 * current term may claim.
 */
public interface AlertClaims extends ReaderTurn {

    /** What a claim found. */
    enum Claim {
        /** This reader may publish the alert. */
        CLAIMED,
        /** It was published or dead-lettered already: nothing to do. */
        SETTLED
    }

    /**
     * @throws FencedOutException           another reader took over: publish nothing
     * @throws AlertLogUnavailableException the record could not be read or written (retryable)
     */
    Claim claim(String eventId);

    /**
     * Before publishing again after a failure: still this reader's turn?
     *
     * @throws FencedOutException           when it is not
     * @throws AlertLogUnavailableException when that cannot be told now (retryable)
     */
    void confirm();

    /** SNS (every destination) accepted the alert. */
    void published(String eventId);

    /** The alert went to the dead letters instead. */
    void deadLettered(String eventId);

    /** Where the record is kept, for the start-up log. */
    String describe();
}
