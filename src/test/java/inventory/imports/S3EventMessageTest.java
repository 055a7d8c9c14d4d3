package inventory.imports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The bodies S3 puts on a queue, as AWS documents them (event message structure, version 2.1). */
class S3EventMessageTest {

    private static String event(String key) {
        return """
                {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1",
                 "eventTime":"2026-12-04T01:02:03.456Z","eventName":"ObjectCreated:Put",
                 "userIdentity":{"principalId":"AWS:AIDAEXAMPLE"},"requestParameters":{"sourceIPAddress":"10.0.0.1"},
                 "responseElements":{"x-amz-request-id":"C3D13FE58DE4C810","x-amz-id-2":"FMyUVURIY8"},
                 "s3":{"s3SchemaVersion":"1.0","configurationId":"inventory-pipeline-uploads",
                  "bucket":{"name":"inventory-uploads","ownerIdentity":{"principalId":"A3NL1KOZZKExample"},"arn":"arn:aws:s3:::inventory-uploads"},
                  "object":{"key":"%s","size":1024,"eTag":"d41d8cd98f00b204e9800998ecf8427e","sequencer":"0055AED6DCD90281E5"}}}]}
                """.formatted(key);
    }

    @Test
    void keysArriveUrlEncodedWithSpacesAsPlusAndAreDecoded() {
        var content = S3EventMessage.parse(event("incoming/store+1/a%2Bb%C3%A9.csv"));

        assertThat(content).isInstanceOf(S3EventMessage.Uploads.class);
        var notices = ((S3EventMessage.Uploads) content).notices();
        assertThat(notices).containsExactly(
                new UploadNotice("inventory-uploads", "incoming/store 1/a+bé.csv", "ObjectCreated:Put", 1024));
    }

    @Test
    void theTestEventS3SendsOnConfigurationIsRecognised() {
        var content = S3EventMessage.parse("""
                {"Service":"Amazon S3","Event":"s3:TestEvent","Time":"2026-12-04T01:02:03.456Z",
                 "Bucket":"inventory-uploads","RequestId":"5582815E1AEA5ADF","HostId":"8cLeGAmw098X5cv4Zkwcmo8vvZa3eH3eKxsPzbB9wrR+YstdA6Knx4Ip8EXAMPLE"}
                """);

        assertThat(content).isEqualTo(new S3EventMessage.TestEvent("inventory-uploads"));
    }

    @Test
    void anEventRelayedThroughAnSnsTopicIsUnwrapped() {
        String sns = "{\"Type\":\"Notification\",\"MessageId\":\"m1\",\"TopicArn\":\"arn:aws:sns:us-east-1:1:t\","
                + "\"Message\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(event("incoming/a.csv")) + "}";

        var content = S3EventMessage.parse(sns);

        assertThat(content).isInstanceOf(S3EventMessage.Uploads.class);
        assertThat(((S3EventMessage.Uploads) content).notices()).extracting(UploadNotice::key).containsExactly("incoming/a.csv");
    }

    @Test
    void anythingElseIsNotAnEventAndSaysWhy() {
        assertThat(S3EventMessage.parse("hello")).isEqualTo(new S3EventMessage.NotAnS3Event("not JSON"));
        assertThat(S3EventMessage.parse("")).isEqualTo(new S3EventMessage.NotAnS3Event("an empty message"));
        assertThat(S3EventMessage.parse("[1]")).isEqualTo(new S3EventMessage.NotAnS3Event("not a JSON object"));
        assertThat(S3EventMessage.parse("{\"Records\":[]}")).isEqualTo(new S3EventMessage.NotAnS3Event("no Records"));
        assertThat(S3EventMessage.parse("{\"Records\":[{\"s3\":{\"bucket\":{\"name\":\"b\"}}}]}"))
                .isEqualTo(new S3EventMessage.NotAnS3Event("a record without s3.bucket.name or s3.object.key"));
    }

    @Test
    void aKeyThatDoesNotUrlDecodeIsNotAnEventInsteadOfAnExceptionEveryReceive() {
        var content = S3EventMessage.parse(event("incoming/%zz.csv"));
        assertThat(content).isInstanceOf(S3EventMessage.NotAnS3Event.class);
        assertThat(((S3EventMessage.NotAnS3Event) content).why())
                .startsWith("a record whose key 'incoming/%zz.csv' is not URL-encoded as S3 encodes keys");
        assertThat(S3EventMessage.parse(event("incoming/50%.csv"))).isInstanceOf(S3EventMessage.NotAnS3Event.class);
    }

    @Test
    void aNoticeIsSafeToLogWhateverItsKey() {
        UploadNotice notice = new UploadNotice("b", "incoming/a\nINFO forged " + "x".repeat(5000), "ObjectCreated:Put", 1);
        assertThat(notice.toString()).doesNotContain("\n").hasSizeLessThan(300);
    }
}
