package inventory.streams;

/**
 * This instance's turn at reading the stream, as whoever fences the work told of it: it begins when the consumer
 * starts on the elected instance (before the first read, so a new reader outranks every older one at once) and ends
 * when the consumer stops. A turn can also end from outside: another reader began one meanwhile; then nothing more
 * is read here.
 */
public interface ReaderTurn {

    /** No fencing: the stream is this instance's for as long as its consumer runs. */
    ReaderTurn ALWAYS = new ReaderTurn() {
        @Override
        public void begin() {
        }

        @Override
        public void end() {
        }

        @Override
        public boolean active() {
            return true;
        }
    };

    /** The consumer starts reading; a failure fails the start (Camel's {@code master:} tries again). */
    void begin();

    /** The consumer is stopping: work in progress should give up rather than retry. */
    void end();

    /** False once the turn ended, here or because another reader began one. */
    boolean active();
}
