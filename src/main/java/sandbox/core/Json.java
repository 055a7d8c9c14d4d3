package sandbox.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The sandbox's one JSON mapper and a few shortcuts. Every request body, policy and journal line the sandbox parses
 * goes through it, so its nesting limit is what keeps 2,000 nested brackets from reaching the recursive code behind
 * it (attribute values, filter policies): {@value #MAX_NESTING} levels hold any real request (a DynamoDB value
 * nested 32 levels deep inside a TransactWriteItems request is about 70) and leave the services room to refuse
 * deeper values with their own errors.
 */
public final class Json {

    public static final int MAX_NESTING = 100;

    public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build()).build())
            .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true);

    /** JSON nested deeper than {@link #MAX_NESTING}: valid, but more than the sandbox parses. */
    public static final class TooDeepException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        TooDeepException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /**
     * Parses JSON; a syntax error becomes an {@link IllegalArgumentException} with the parser's reason, too deep a
     * nesting a {@link TooDeepException}.
     */
    public static JsonNode parse(byte[] bytes) {
        try {
            return MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw invalid(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw invalid(e);
        }
    }

    private static IllegalArgumentException invalid(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException && e.getOriginalMessage().contains("nesting depth")) {
            return new TooDeepException(e.getOriginalMessage(), e);
        }
        return new IllegalArgumentException(e.getOriginalMessage(), e);
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String text(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
