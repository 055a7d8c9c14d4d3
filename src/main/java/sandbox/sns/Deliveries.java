package sandbox.sns;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sandbox.core.Json;

/**
 * Delivers messages off the request path: one ordered lane per subscription on a small shared pool.
 * HTTP/S posts are asynchronous, each attempt only after {@link DeliveryHosts} has checked where the endpoint's name
 * points now; a failed post (non-2xx, refused, timed out) is retried after
 * 100 ms, 1 s and 5 s, then recorded as FAILED. SMS and email are "sent" by logging them at INFO
 * and recording them. The last {@value #KEPT_RECORDS} delivery records are kept for the admin API.
 */
final class Deliveries implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Deliveries.class);
    static final int KEPT_RECORDS = 10_000;
    private static final long[] RETRY_DELAYS_MS = {100, 1_000, 5_000};
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(15);

    private final SnsEnvelopes envelopes;
    private final Clock clock;
    private final DeliveryHosts hosts;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private final HttpClient http;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<DeliveryRecord> records = new ConcurrentLinkedDeque<>();
    private final AtomicInteger recordCount = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong();
    private volatile QueueDelivery queues = QueueDelivery.NONE;

    /** The outcome of one attempt: null error = success. */
    private record Outcome(String error) {
        static final Outcome OK = new Outcome(null);
    }

    /** One message for one lane: builds its payload once, then sends it (again on retries). */
    private interface Job {
        DeliveryRecord record();

        CompletableFuture<Outcome> send();
    }

    Deliveries(SnsEnvelopes envelopes, Clock clock, DeliveryHosts hosts) {
        this.envelopes = envelopes;
        this.clock = clock;
        this.hosts = hosts;
        this.workers = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                daemon("sns-delivery"));
        ((ThreadPoolExecutor) workers).allowCoreThreadTimeOut(true);
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, daemon("sns-retry"));
        t.setRemoveOnCancelPolicy(true);
        this.timer = t;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(workers)
                .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread th = new Thread(r, prefix + "-" + n.incrementAndGet());
            th.setDaemon(true);
            return th;
        };
    }

    /** A Notification for a confirmed subscription (the filter policy was already applied). */
    void notification(Subscription s, PublishedMessage m, String signatureVersion) {
        DeliveryRecord record = record(s, "Notification", m.messageId());
        lane(s.arn).submit(switch (s.protocol) {
            case "http", "https" -> new HttpJob(record, s, () -> {
                ObjectNode envelope = envelopes.notification(m, s, signatureVersion);
                String body = s.rawMessageDelivery() ? m.messageFor(s.protocol) : Json.text(envelope);
                return post(s, "Notification", envelope.path("MessageId").asText(), body, true);
            });
            case "sqs" -> queued(record, s.endpoint, () -> s.rawMessageDelivery() ? m.messageFor(s.protocol)
                    : Json.text(envelopes.notification(m, s, signatureVersion)));
            case "sms" -> local(record, () -> {
                String text = m.messageFor("sms");
                LOG.info("SMS to {}: {}", s.endpoint, text);
                return text;
            });
            case "email-json" -> local(record, () -> {
                String json = Json.text(envelopes.notification(m, s, signatureVersion));
                LOG.info("Email (JSON) to {}: {}", s.endpoint, json);
                return json;
            });
            default -> local(record, () -> {
                String subject = m.subject() == null ? "AWS Notification Message" : m.subject();
                String text = m.messageFor("email");
                LOG.info("Email to {} (subject '{}'): {}", s.endpoint, subject, text);
                return "Subject: " + subject + "\n\n" + text;
            });
        });
    }

    /** SubscriptionConfirmation (on Subscribe) or UnsubscribeConfirmation (on Unsubscribe). */
    void confirmation(String type, Subscription s, String signatureVersion, String subscribeUrl) {
        DeliveryRecord record = record(s, type, null);
        Job job;
        if (s.isHttp()) {
            job = new HttpJob(record, s, () -> {
                ObjectNode envelope = envelopes.confirmation(type, s, clock.instant(), signatureVersion);
                return post(s, type, envelope.path("MessageId").asText(), Json.text(envelope), false);
            });
        } else if (s.protocol.equals("email-json")) {
            job = local(record, () -> {
                String json = Json.text(envelopes.confirmation(type, s, clock.instant(), signatureVersion));
                LOG.info("Email (JSON) to {}: {}", s.endpoint, json);
                return json;
            });
        } else {
            job = local(record, () -> {
                String text = "You have chosen to subscribe to the topic: " + s.topicArn
                        + "\nTo confirm this subscription, click or visit the link below (If this was in error no "
                        + "action is necessary):\nConfirm subscription: " + subscribeUrl;
                LOG.info("Email to {}: confirm the subscription to {} at {}", s.endpoint, s.topicArn, subscribeUrl);
                return text;
            });
        }
        lane(s.arn).submit(job);
    }

    /** A direct SMS (Publish with PhoneNumber): no subscription, no ordering to keep. */
    void directSms(String phoneNumber, PublishedMessage m) {
        DeliveryRecord record = new DeliveryRecord(ids.incrementAndGet(), null, null, "sms", phoneNumber,
                "Notification", m.messageId(), clock.instant());
        keep(record);
        execute(() -> {
            String text = m.messageFor("sms");
            LOG.info("SMS to {}: {}", phoneNumber, text);
            record.content(text);
            record.attempt(1, null);
            record.finish(DeliveryRecord.Status.DELIVERED, clock.instant());
        });
    }

    /** Stops a subscription's lane: what is still queued is dropped, as AWS stops delivering on Unsubscribe. */
    void closeLane(String subscriptionArn) {
        Lane lane = lanes.remove(subscriptionArn);
        if (lane != null) {
            lane.close();
        }
    }

    List<DeliveryRecord> records() {
        return new ArrayList<>(records);
    }

    void clearRecords() {
        records.clear();
        recordCount.set(0);
    }

    private DeliveryRecord record(Subscription s, String type, String messageId) {
        DeliveryRecord r = new DeliveryRecord(ids.incrementAndGet(), s.arn, s.topicArn, s.protocol, s.endpoint, type,
                messageId, clock.instant());
        keep(r);
        return r;
    }

    private void keep(DeliveryRecord r) {
        records.add(r);
        if (recordCount.incrementAndGet() > KEPT_RECORDS && records.pollFirst() != null) {
            recordCount.decrementAndGet();
        }
    }

    private Lane lane(String subscriptionArn) {
        return lanes.computeIfAbsent(subscriptionArn, Lane::new);
    }

    private void execute(Runnable r) {
        try {
            workers.execute(r);
        } catch (RejectedExecutionException e) {
            LOG.debug("SNS delivery dropped: the sandbox is stopping");
        }
    }

    /** SMS and email: "sending" is logging and recording what was sent; it cannot fail. */
    private Job local(DeliveryRecord record, java.util.function.Supplier<String> send) {
        return inPlace(record, () -> {
            record.content(send.get());
            return Outcome.OK;
        });
    }

    /** A delivery done here and now, on the lane's thread. */
    private Job inPlace(DeliveryRecord record, java.util.function.Supplier<Outcome> send) {
        return new Job() {
            @Override
            public DeliveryRecord record() {
                return record;
            }

            @Override
            public CompletableFuture<Outcome> send() {
                return CompletableFuture.completedFuture(send.get());
            }
        };
    }

    /** sqs subscriptions go to this (the sandbox's SQS). */
    void deliverToQueues(QueueDelivery queues) {
        this.queues = queues;
    }

    /** SendMessage to the subscribed queue; fails (and is retried) while no queue has that ARN. */
    private Job queued(DeliveryRecord record, String queueArn, java.util.function.Supplier<String> body) {
        return inPlace(record, () -> {
            String text = body.get();
            record.content(text);
            return queues.send(queueArn, text) ? Outcome.OK
                    : new Outcome("AWS.SimpleQueueService.NonExistentQueue: " + queueArn);
        });
    }

    private HttpRequest post(Subscription s, String type, String messageId, String body, boolean withSubscription) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.endpoint)).timeout(HTTP_TIMEOUT)
                .header("Content-Type", "text/plain; charset=UTF-8")
                .header("User-Agent", "Amazon Simple Notification Service Agent")
                .header("x-amz-sns-message-type", type)
                .header("x-amz-sns-message-id", messageId)
                .header("x-amz-sns-topic-arn", s.topicArn);
        if (withSubscription) {
            b.header("x-amz-sns-subscription-arn", s.arn);
            if (s.rawMessageDelivery()) {
                b.header("x-amz-sns-rawdelivery", "true");
            }
        }
        return b.POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** An HTTP/S post, built on first send and re-sent as is on retries (same MessageId and signature). */
    private final class HttpJob implements Job {
        private final DeliveryRecord record;
        private final Subscription subscription;
        private final java.util.function.Supplier<HttpRequest> build;
        private HttpRequest request;

        HttpJob(DeliveryRecord record, Subscription subscription, java.util.function.Supplier<HttpRequest> build) {
            this.record = record;
            this.subscription = subscription;
            this.build = build;
        }

        @Override
        public DeliveryRecord record() {
            return record;
        }

        @Override
        public CompletableFuture<Outcome> send() {
            if (request == null) {
                request = build.get();
            }
            // again on every attempt: the name may point elsewhere now than at Subscribe
            var refused = hosts.refusal(subscription.endpoint);
            if (refused.isPresent()) {
                return CompletableFuture.completedFuture(new Outcome("refused by the sandbox: " + refused.get()));
            }
            return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, error) -> {
                if (error != null) {
                    Throwable cause = error.getCause() == null ? error : error.getCause();
                    return new Outcome(cause.getClass().getSimpleName()
                            + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
                }
                int code = response.statusCode();
                return code / 100 == 2 ? Outcome.OK : new Outcome("HTTP " + code + " from " + subscription.endpoint);
            });
        }
    }

    /** One subscription's queue: one delivery in flight at a time, so the endpoint sees publish order. */
    private final class Lane {
        private final String subscriptionArn;
        private final ArrayDeque<Job> queue = new ArrayDeque<>();
        private boolean running;
        private boolean closed;

        Lane(String subscriptionArn) {
            this.subscriptionArn = subscriptionArn;
        }

        void submit(Job job) {
            synchronized (this) {
                if (closed) {
                    job.record().finish(DeliveryRecord.Status.DROPPED, clock.instant());
                    return;
                }
                queue.add(job);
                if (running) {
                    return;
                }
                running = true;
            }
            execute(this::next);
        }

        void close() {
            List<Job> dropped;
            synchronized (this) {
                closed = true;
                dropped = new ArrayList<>(queue);
                queue.clear();
            }
            dropped.forEach(j -> j.record().finish(DeliveryRecord.Status.DROPPED, clock.instant()));
        }

        private void next() {
            Job job;
            synchronized (this) {
                job = queue.poll();
                if (job == null) {
                    running = false;
                    return;
                }
            }
            attempt(job, 1);
        }

        private void attempt(Job job, int n) {
            CompletableFuture<Outcome> sent;
            try {
                sent = job.send();
            } catch (RuntimeException e) {
                sent = CompletableFuture.completedFuture(new Outcome(e.toString()));
            }
            sent.whenComplete((outcome, error) -> {
                String failure = error != null ? error.toString() : outcome.error();
                DeliveryRecord r = job.record();
                r.attempt(n, failure);
                if (failure == null) {
                    r.finish(DeliveryRecord.Status.DELIVERED, clock.instant());
                    if (subscriptionIsHttp(r)) {
                        LOG.info("Delivered {}{} to {} ({})", r.type(),
                                r.messageId() == null ? "" : " " + r.messageId(), r.endpoint(), subscriptionArn);
                    }
                    execute(this::next);
                } else if (n <= RETRY_DELAYS_MS.length && !isClosed()) {
                    LOG.info("Delivery of {} to {} failed (attempt {}): {}; retrying in {} ms", r.type(), r.endpoint(),
                            n, failure, RETRY_DELAYS_MS[n - 1]);
                    try {
                        timer.schedule(() -> execute(() -> attempt(job, n + 1)), RETRY_DELAYS_MS[n - 1],
                                TimeUnit.MILLISECONDS);
                    } catch (RejectedExecutionException e) {
                        LOG.debug("SNS retry dropped: the sandbox is stopping");
                    }
                } else {
                    r.finish(isClosed() ? DeliveryRecord.Status.DROPPED : DeliveryRecord.Status.FAILED,
                            clock.instant());
                    LOG.warn("Delivery of {} to {} failed after {} attempts: {}", r.type(), r.endpoint(), n, failure);
                    execute(this::next);
                }
            });
        }

        private synchronized boolean isClosed() {
            return closed;
        }

        private boolean subscriptionIsHttp(DeliveryRecord r) {
            return r.protocol().startsWith("http");
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        workers.shutdownNow();
    }
}
