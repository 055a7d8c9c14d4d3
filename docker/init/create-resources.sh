#!/usr/bin/env bash
# Creates what the pipeline needs on an AWS emulator (Floci, LocalStack) before the app starts with
# INVENTORY_PROVISION=false: the bucket, the table (keys store/item, stream NEW_AND_OLD_IMAGES), the topic and the
# state table the instances share (key id; INVENTORY_STATE_TABLE set but empty = none, the app keeps files instead).
# Idempotent: a second run finds everything and changes nothing. Used by the `init` service of docker/compose.yaml;
# runs anywhere the AWS CLI (v1 or v2) is installed:
#   AWS_ENDPOINT_URL=http://localhost:4566 AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test bash docker/init/create-resources.sh
set -euo pipefail

: "${AWS_ENDPOINT_URL:?set AWS_ENDPOINT_URL to the emulator, e.g. http://floci:4566}"
export AWS_REGION="${AWS_REGION:-us-east-1}"
export AWS_DEFAULT_REGION="${AWS_DEFAULT_REGION:-$AWS_REGION}"
export AWS_PAGER=""
bucket="${INVENTORY_BUCKET:-inventory-uploads}"
table="${INVENTORY_TABLE:-inventory}"
topic="${INVENTORY_TOPIC:-inventory-alerts}"
state_table="${INVENTORY_STATE_TABLE-inventory-pipeline-state}"

aws_() { aws --endpoint-url "$AWS_ENDPOINT_URL" "$@"; }

if aws_ s3api head-bucket --bucket "$bucket" >/dev/null 2>&1; then
  echo "bucket $bucket exists"
else
  aws_ s3api create-bucket --bucket "$bucket" >/dev/null
  echo "created bucket $bucket"
fi

if aws_ dynamodb describe-table --table-name "$table" >/dev/null 2>&1; then
  echo "table $table exists"
else
  aws_ dynamodb create-table --table-name "$table" \
    --attribute-definitions AttributeName=store,AttributeType=S AttributeName=item,AttributeType=S \
    --key-schema AttributeName=store,KeyType=HASH AttributeName=item,KeyType=RANGE \
    --billing-mode PAY_PER_REQUEST \
    --stream-specification StreamEnabled=true,StreamViewType=NEW_AND_OLD_IMAGES >/dev/null
  echo "created table $table with a NEW_AND_OLD_IMAGES stream"
fi
aws_ dynamodb wait table-exists --table-name "$table"

# checkpoints and published alerts; no TTL here: AWS deletes expired entries only lazily anyway (the CloudFormation
# template turns it on), and an emulator's few entries can stay
if [[ -n "$state_table" ]]; then
  if aws_ dynamodb describe-table --table-name "$state_table" >/dev/null 2>&1; then
    echo "table $state_table exists"
  else
    aws_ dynamodb create-table --table-name "$state_table" \
      --attribute-definitions AttributeName=id,AttributeType=S \
      --key-schema AttributeName=id,KeyType=HASH \
      --billing-mode PAY_PER_REQUEST >/dev/null
    echo "created state table $state_table"
  fi
  aws_ dynamodb wait table-exists --table-name "$state_table"
fi

# CreateTopic is idempotent; an ARN given as the topic name is reduced to its name
topic_name="${topic##*:}"
if [[ "$topic_name" == *.fifo ]]; then
  topic_arn=$(aws_ sns create-topic --name "$topic_name" --attributes FifoTopic=true --query TopicArn --output text)
else
  topic_arn=$(aws_ sns create-topic --name "$topic_name" --query TopicArn --output text)
fi
echo "topic $topic_arn ready"
