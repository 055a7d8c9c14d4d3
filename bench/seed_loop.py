#!/usr/bin/env python3
"""The seed's loader as its Lambda ran it: one boto3 conditional PutItem per CSV row, one after the other.

Same item shape and condition as the pipeline's put mode (attribute_not_exists(updatedAt) OR updatedAt < :u,
ReturnValues ALL_OLD). Reads rows until --seconds have passed (or the file ends) and prints one JSON line:
{"rows": n, "stale": n, "seconds": s}. Run by bench.SeedLoop.
"""
import argparse
import csv
import json
import time

import boto3


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--endpoint", required=True)
    p.add_argument("--table", required=True)
    p.add_argument("--file", required=True)
    p.add_argument("--seconds", type=float, required=True)
    p.add_argument("--source", default="s3://bench/seed.csv")
    a = p.parse_args()
    ddb = boto3.client("dynamodb", endpoint_url=a.endpoint, region_name="us-east-1",
                       aws_access_key_id="test", aws_secret_access_key="test")
    known = {"store", "item", "quantity", "updated_at"}
    rows = stale = 0
    with open(a.file, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        start = time.monotonic()
        for r in reader:
            item = {"store": {"S": r["store"]}, "item": {"S": r["item"]}, "quantity": {"N": r["quantity"]},
                    "updatedAt": {"S": r["updated_at"]}, "source": {"S": a.source}}
            for name, value in r.items():
                if name not in known:
                    item[name] = {"S": value}
            try:
                ddb.put_item(TableName=a.table, Item=item,
                             ConditionExpression="attribute_not_exists(#u) OR #u < :u",
                             ExpressionAttributeNames={"#u": "updatedAt"},
                             ExpressionAttributeValues={":u": item["updatedAt"]}, ReturnValues="ALL_OLD")
            except ddb.exceptions.ConditionalCheckFailedException:
                stale += 1
            rows += 1
            if time.monotonic() - start >= a.seconds:
                break
        elapsed = time.monotonic() - start
    print(json.dumps({"rows": rows, "stale": stale, "seconds": elapsed}))


if __name__ == "__main__":
    main()
