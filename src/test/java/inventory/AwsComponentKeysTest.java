package inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import inventory.streams.LineageStreamComponent;
import org.apache.camel.component.aws2.s3.AWS2S3Component;
import org.apache.camel.component.aws2.sqs.Sqs2Component;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** A component's own connection options would be ignored (the pipeline hands every component its clients): refused. */
class AwsComponentKeysTest {

    @Test
    void componentsAtTheirDefaultsPass() throws Exception {
        try (var context = new DefaultCamelContext()) {
            AwsComponentKeys.COMPONENTS.stream().filter(n -> !n.equals(LineageStreamComponent.SCHEME))
                    .forEach(context::getComponent);
            assertThatCode(() -> new AwsComponentKeys().onCamelContextStarting(context, false)).doesNotThrowAnyException();
        }
    }

    @Test
    void aRegionOnAComponentStopsStartUpNamingTheKeyAndWhatToSetInstead() throws Exception {
        try (var context = new DefaultCamelContext()) {
            context.getComponent("aws2-sqs", Sqs2Component.class).getConfiguration().setRegion("eu-west-1");
            assertThatThrownBy(() -> new AwsComponentKeys().onCamelContextStarting(context, false))
                    .hasMessageContaining("camel.component.aws2-sqs.region is set")
                    .hasMessageContaining("aws.endpoint, aws.region and aws.profile");
        }
    }

    @Test
    void aSecretIsNamedButNeverShown() throws Exception {
        try (var context = new DefaultCamelContext()) {
            context.getComponent("aws2-s3", AWS2S3Component.class).getConfiguration().setSecretKey("s3cr3t-value");
            assertThatThrownBy(() -> new AwsComponentKeys().onCamelContextStarting(context, false))
                    .satisfies(e -> assertThat(e.getMessage()).contains("camel.component.aws2-s3.secretKey")
                            .doesNotContain("s3cr3t-value"));
        }
    }
}
