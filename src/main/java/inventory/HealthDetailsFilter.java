package inventory;

import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;

/**
 * Keeps the management server's health answers to what {@code camel.health.exposure-level} says. Camel 4.17's health
 * endpoint lets any caller raise the level per request ({@code ?exposureLevel=full&stackTrace=true&data=true}), which
 * answers with every check's exception messages and stack traces (endpoints, ARNs with the account id); such a
 * request is refused with 400 before Camel's handler sees it.
 */
public final class HealthDetailsFilter {

    /** The query parameters of Camel's health handler that widen its answer. */
    static final List<String> DETAIL_PARAMETERS = List.of("exposureLevel", "stackTrace", "data");

    private HealthDetailsFilter() {
    }

    /** Puts the filter in front of the health endpoint, when the management server serves one. */
    public static void install(CamelContext context) {
        ManagementHttpServer server = context.hasService(ManagementHttpServer.class);
        if (server == null || !server.isHealthCheckEnabled() || server.getRouter() == null) {
            return;
        }
        server.getRouter().route(server.getHealthPath() + "*").order(-1).handler(request -> {
            if (DETAIL_PARAMETERS.stream().anyMatch(p -> request.request().getParam(p) != null)) {
                request.response().setStatusCode(400).putHeader("content-type", "text/plain")
                        .end("health details are not served here; see the pipeline's log\n");
            } else {
                request.next();
            }
        });
    }
}
