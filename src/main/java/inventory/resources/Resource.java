package inventory.resources;

/**
 * One AWS resource the pipeline needs, in the one style every resource follows: {@link #create} when
 * {@code inventory.provision=true}, {@link #find} otherwise. Both answer what the pipeline uses of it (its name, ARN or
 * URLs) and check it; neither keeps state, so their order and how often they run change nothing.
 *
 * @param <T> what the pipeline uses of the resource
 */
public interface Resource<T> {

    /** Creates the resource, or what is missing of it, idempotently (another replica may do the same); then checks it. */
    T create();

    /** The resource as it exists; throws, naming it and how to create it, when it is missing or unfit. */
    T find();

    /** {@link #create} or {@link #find}, as {@code inventory.provision} says. */
    default T prepare(boolean provision) {
        return provision ? create() : find();
    }
}
