#!/usr/bin/env bash
# The whole chain on AWS in one command, then everything removed again (also when a step fails):
#   deploy/aws/template.yaml as a new stack (events mode, unique names) -> the jar run against it with the stack's
#   outputs -> samples/inventory.csv uploaded -> its stock alerts received through a temporary SQS queue subscribed to
#   the topic -> its report checked in S3 -> the stack, the retained bucket and tables, and the queue deleted.
#
#   deploy/aws/smoke.sh                           # real AWS: the default credential chain, region from AWS_REGION
#   deploy/aws/smoke.sh --region eu-west-1        #   (or the CLI's configuration, else us-east-1)
#   deploy/aws/smoke.sh --endpoint-url http://127.0.0.1:4566   # an emulator (a standalone sandbox): every step but
#                                                 #   CloudFormation, whose resources the CLI creates as the template would
#
# Needs: the AWS CLI (v1 or v2), java 17, curl, and the jar (mvn -B -q package -DskipTests). Costs on AWS: a few
# cents (on-demand tables, one queue, one topic, a bucket, alarms), for the few minutes the run takes.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
endpoint=""
region="${AWS_REGION:-${AWS_DEFAULT_REGION:-}}"
jar="$root/target/inventory-pipeline.jar"
sample="$root/samples/inventory.csv"
deadline_s=240

usage() { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --endpoint-url) endpoint="${2:?--endpoint-url needs a URL}"; shift 2 ;;
    --region) region="${2:?--region needs a region}"; shift 2 ;;
    --jar) jar="${2:?--jar needs a path}"; shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "unknown argument: $1" >&2; usage 2 ;;
  esac
done

say() { printf '\n== %s\n' "$*"; }
fail() { printf '\nSMOKE TEST FAILED: %s\n' "$*" >&2; exit 1; }
for tool in aws java curl; do
  command -v "$tool" >/dev/null || fail "$tool is not on the PATH"
done
[[ -f "$jar" ]] || fail "no jar at $jar (build it: mvn -B -q package -DskipTests)"
[[ -n "$region" ]] || region="$(aws configure get region 2>/dev/null || true)"
region="${region:-us-east-1}"
export AWS_PAGER=""
if [[ -n "$endpoint" ]]; then
  # an emulator takes any keys; keep the caller's if set
  export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-test}" AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-test}"
fi
awsc() { aws ${endpoint:+--endpoint-url "$endpoint"} --region "$region" "$@"; }

# unique names: a bucket name is global, so it carries the account
run_id="inv-smoke-$(date -u +%Y%m%d%H%M%S)-$((RANDOM % 10000))"
if [[ -n "$endpoint" ]]; then
  account="000000000000"
else
  account="$(awsc sts get-caller-identity --query Account --output text)" || fail "no AWS credentials (aws sts get-caller-identity)"
fi
stack="$run_id"
bucket="$run_id-$account"
table="$run_id-inventory"
state_table="$run_id-state"
topic_name="$run_id-alerts"
queue_name="$run_id-uploads"
dlq_name="$run_id-uploads-dlq"
alert_dlq_name="$run_id-alerts-dlq"
alert_queue_name="$run_id-received-alerts"
work="$(mktemp -d "${TMPDIR:-/tmp}/$run_id.XXXX")"
pipeline_pid=""
topic_arn="" queue_url="" dlq_url="" alert_dlq_url="" alert_queue_url="" subscription_arn=""
stack_created=false

teardown() {
  local rc=$? left=()
  set +e
  say "tearing down $run_id"
  if [[ -n "$pipeline_pid" ]] && kill -0 "$pipeline_pid" 2>/dev/null; then
    kill -TERM "$pipeline_pid"
    for _ in $(seq 60); do kill -0 "$pipeline_pid" 2>/dev/null || break; sleep 1; done
    kill -KILL "$pipeline_pid" 2>/dev/null
  fi
  [[ -n "$subscription_arn" ]] && { awsc sns unsubscribe --subscription-arn "$subscription_arn" >/dev/null || left+=("subscription $subscription_arn"); }
  [[ -n "$alert_queue_url" ]] && { awsc sqs delete-queue --queue-url "$alert_queue_url" >/dev/null || left+=("queue $alert_queue_url"); }
  if [[ -z "$endpoint" ]]; then
    if $stack_created; then
      awsc cloudformation delete-stack --stack-name "$stack" &&
        awsc cloudformation wait stack-delete-complete --stack-name "$stack" || left+=("stack $stack")
    fi
  else
    [[ -n "$queue_url" ]] && { awsc sqs delete-queue --queue-url "$queue_url" >/dev/null || left+=("queue $queue_url"); }
    [[ -n "$dlq_url" ]] && { awsc sqs delete-queue --queue-url "$dlq_url" >/dev/null || left+=("queue $dlq_url"); }
    [[ -n "$alert_dlq_url" ]] && { awsc sqs delete-queue --queue-url "$alert_dlq_url" >/dev/null || left+=("queue $alert_dlq_url"); }
    [[ -n "$topic_arn" ]] && { awsc sns delete-topic --topic-arn "$topic_arn" >/dev/null || left+=("topic $topic_arn"); }
  fi
  # the stack keeps the bucket and both tables when it goes (they hold data): empty and delete them here
  if awsc s3api head-bucket --bucket "$bucket" >/dev/null 2>&1; then
    awsc s3 rm "s3://$bucket" --recursive --quiet >/dev/null
    awsc s3api delete-bucket --bucket "$bucket" >/dev/null || left+=("bucket $bucket")
  fi
  for t in "$table" "$state_table"; do
    if awsc dynamodb describe-table --table-name "$t" >/dev/null 2>&1; then
      awsc dynamodb delete-table --table-name "$t" >/dev/null || left+=("table $t")
    fi
  done
  if [[ ${#left[@]} -gt 0 ]]; then
    printf 'could not delete, remove by hand: %s\n' "${left[@]}" >&2
    [[ $rc -eq 0 ]] && rc=1
  else
    echo "nothing of $run_id is left"
  fi
  if [[ $rc -ne 0 && -f "$work/pipeline.log" ]]; then
    echo "--- the pipeline's last log lines ($work/pipeline.log)" >&2
    tail -n 40 "$work/pipeline.log" >&2
  fi
  exit "$rc"
}
trap teardown EXIT
trap 'exit 130' INT TERM

if [[ -z "$endpoint" ]]; then
  say "1. deploying deploy/aws/template.yaml as stack $stack ($region, events mode)"
  stack_created=true
  awsc cloudformation deploy --stack-name "$stack" --template-file "$here/template.yaml" --capabilities CAPABILITY_IAM \
    --no-fail-on-empty-changeset --parameter-overrides BucketName="$bucket" TableName="$table" TopicName="$topic_name" \
    StateTableName="$state_table" ImportTrigger=events QueueName="$queue_name" DeadLetterQueueName="$dlq_name" \
    AlertDeadLetterQueueName="$alert_dlq_name" MetricsNamespace="$run_id"
  output() { awsc cloudformation describe-stacks --stack-name "$stack" --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue" --output text; }
  topic_arn="$(output TopicArn)"
  [[ "$(output BucketName)" == "$bucket" && "$(output TableName)" == "$table" ]] || fail "the stack's outputs are not the names given"
else
  say "1. creating the template's resources with the CLI on $endpoint (no CloudFormation there)"
  awsc s3api create-bucket --bucket "$bucket" >/dev/null
  awsc dynamodb create-table --table-name "$table" \
    --attribute-definitions AttributeName=store,AttributeType=S AttributeName=item,AttributeType=S \
    --key-schema AttributeName=store,KeyType=HASH AttributeName=item,KeyType=RANGE --billing-mode PAY_PER_REQUEST \
    --stream-specification StreamEnabled=true,StreamViewType=NEW_AND_OLD_IMAGES >/dev/null
  awsc dynamodb create-table --table-name "$state_table" --attribute-definitions AttributeName=id,AttributeType=S \
    --key-schema AttributeName=id,KeyType=HASH --billing-mode PAY_PER_REQUEST >/dev/null
  awsc dynamodb wait table-exists --table-name "$table"
  awsc dynamodb wait table-exists --table-name "$state_table"
  awsc dynamodb update-time-to-live --table-name "$state_table" \
    --time-to-live-specification Enabled=true,AttributeName=expiresAt >/dev/null
  topic_arn="$(awsc sns create-topic --name "$topic_name" --query TopicArn --output text)"
  alert_dlq_url="$(awsc sqs create-queue --queue-name "$alert_dlq_name" --attributes MessageRetentionPeriod=1209600 --query QueueUrl --output text)"
  dlq_url="$(awsc sqs create-queue --queue-name "$dlq_name" --attributes MessageRetentionPeriod=1209600 --query QueueUrl --output text)"
  dlq_arn="$(awsc sqs get-queue-attributes --queue-url "$dlq_url" --attribute-names QueueArn --query Attributes.QueueArn --output text)"
  queue_url="$(awsc sqs create-queue --queue-name "$queue_name" --query QueueUrl --output text)"
  queue_arn="$(awsc sqs get-queue-attributes --queue-url "$queue_url" --attribute-names QueueArn --query Attributes.QueueArn --output text)"
  cat > "$work/queue-attributes.json" <<EOF
{"VisibilityTimeout": "60", "MessageRetentionPeriod": "345600",
 "RedrivePolicy": "{\"deadLetterTargetArn\":\"$dlq_arn\",\"maxReceiveCount\":\"3\"}",
 "Policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"BucketNotifications\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"s3.amazonaws.com\"},\"Action\":\"sqs:SendMessage\",\"Resource\":\"$queue_arn\",\"Condition\":{\"ArnEquals\":{\"aws:SourceArn\":\"arn:aws:s3:::$bucket\"},\"StringEquals\":{\"aws:SourceAccount\":\"$account\"}}}]}"}
EOF
  awsc sqs set-queue-attributes --queue-url "$queue_url" --attributes "file://$work/queue-attributes.json"
  awsc s3api put-bucket-notification-configuration --bucket "$bucket" --notification-configuration "{\"QueueConfigurations\":[{\"QueueArn\":\"$queue_arn\",\"Events\":[\"s3:ObjectCreated:*\"],\"Filter\":{\"Key\":{\"FilterRules\":[{\"Name\":\"prefix\",\"Value\":\"incoming/\"},{\"Name\":\"suffix\",\"Value\":\".csv\"}]}}}]}"
fi
echo "bucket $bucket, table $table, state table $state_table, topic $topic_arn, queues $queue_name, $dlq_name and $alert_dlq_name"

say "2. a temporary queue subscribed to the topic, to receive the alerts"
alert_queue_url="$(awsc sqs create-queue --queue-name "$alert_queue_name" --query QueueUrl --output text)"
alert_queue_arn="$(awsc sqs get-queue-attributes --queue-url "$alert_queue_url" --attribute-names QueueArn --query Attributes.QueueArn --output text)"
# SNS may send to it only for this topic
cat > "$work/alert-queue-policy.json" <<EOF
{"Policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"sns.amazonaws.com\"},\"Action\":\"sqs:SendMessage\",\"Resource\":\"$alert_queue_arn\",\"Condition\":{\"ArnEquals\":{\"aws:SourceArn\":\"$topic_arn\"}}}]}"}
EOF
awsc sqs set-queue-attributes --queue-url "$alert_queue_url" --attributes "file://$work/alert-queue-policy.json"
subscription_arn="$(awsc sns subscribe --topic-arn "$topic_arn" --protocol sqs --notification-endpoint "$alert_queue_arn" \
  --attributes RawMessageDelivery=true --return-subscription-arn --query SubscriptionArn --output text)"
echo "subscribed $alert_queue_arn ($subscription_arn)"

say "3. the pipeline (the jar) against the stack"
# a free port for health and metrics (python3 when there is one, else a random high port)
mport="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null \
  || echo $((20000 + RANDOM % 20000)))"
(
  cd "$work"
  exec env AWS_ENDPOINT="${endpoint:-aws}" AWS_REGION="$region" INVENTORY_PROVISION=false \
    INVENTORY_BUCKET="$bucket" INVENTORY_TABLE="$table" INVENTORY_TOPIC="$topic_arn" INVENTORY_STATE_TABLE="$state_table" \
    INVENTORY_IMPORT_TRIGGER=events INVENTORY_IMPORT_QUEUE="$queue_name" INVENTORY_IMPORT_DEAD_LETTER_QUEUE="$dlq_name" \
    INVENTORY_CLUSTER=none INVENTORY_STATE_DIR="$work/state" MANAGEMENT_PORT="$mport" \
    INVENTORY_ALERT_DEAD_LETTER_QUEUE="$alert_dlq_name" \
    java -jar "$jar" > "$work/pipeline.log" 2>&1
) &
pipeline_pid=$!
for ((i = 0; i < 120; i++)); do
  kill -0 "$pipeline_pid" 2>/dev/null || fail "the pipeline exited during start-up"
  curl -sf "http://127.0.0.1:$mport/observe/health/ready" >/dev/null && break
  sleep 1
done
curl -sf "http://127.0.0.1:$mport/observe/health/ready" >/dev/null || fail "the pipeline was not ready within 120 s"
echo "ready (management port $mport, log $work/pipeline.log)"

say "4. uploading $(basename "$sample")"
awsc s3 cp "$sample" "s3://$bucket/incoming/inventory.csv" --quiet
# the alerts it must produce: every row at or below the threshold (0)
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
         $col["quantity"] + 0 <= 0 { print "Out of stock: " $col["item"] " at store " $col["store"] " (" }' "$sample" \
  | sort > "$work/expected-alerts.txt"
rows="$(($(grep -c . "$sample") - 1))"
echo "expecting $(wc -l < "$work/expected-alerts.txt") alerts:"; sed 's/^/  /' "$work/expected-alerts.txt"

say "5. receiving the alerts"
: > "$work/received.txt"
start=$SECONDS
while (( SECONDS - start < deadline_s )); do
  awsc sqs receive-message --queue-url "$alert_queue_url" --max-number-of-messages 10 --wait-time-seconds 10 \
    --visibility-timeout 900 --query 'Messages[].Body' --output text | tr '\t' '\n' | grep -v '^None$' | grep . >> "$work/received.txt" || true
  missing="$(while read -r want; do grep -qF "$want" "$work/received.txt" || echo "$want"; done < "$work/expected-alerts.txt")"
  [[ -z "$missing" ]] && break
done
sed 's/^/  received: /' "$work/received.txt"
[[ -z "$missing" ]] || fail "alerts not received within ${deadline_s}s: $missing"
# nothing more than expected (a repeat or a wrong alert would show here)
awsc sqs receive-message --queue-url "$alert_queue_url" --max-number-of-messages 10 --wait-time-seconds 5 \
  --query 'Messages[].Body' --output text | tr '\t' '\n' | grep -v '^None$' | grep . >> "$work/received.txt" || true
[[ "$(grep -c . "$work/received.txt")" -eq "$(grep -c . "$work/expected-alerts.txt")" ]] \
  || fail "received $(grep -c . "$work/received.txt") alerts, expected $(grep -c . "$work/expected-alerts.txt")"

say "6. the report"
awsc s3 cp "s3://$bucket/reports/inventory.csv.json" "$work/report.json" --quiet
cat "$work/report.json"; echo
number() { sed -n "s/.*\"$1\" *: *\([0-9][0-9]*\).*/\1/p" "$work/report.json" | head -n 1; }
[[ "$(number rows)" == "$rows" && "$(number inserted)" == "$rows" && "$(number rejected)" == "0" ]] \
  || fail "the report does not say $rows rows, $rows inserted, 0 rejected"
awsc s3api head-object --bucket "$bucket" --key processed/inventory.csv >/dev/null || fail "processed/inventory.csv is missing"

say "SMOKE TEST PASSED: $rows rows imported, $(grep -c . "$work/expected-alerts.txt") alerts received, report checked ($run_id)"
