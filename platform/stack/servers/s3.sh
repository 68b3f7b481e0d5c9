# S3-compatible object store: Versity gateway (Go module proxy) on its POSIX backend, on loopback,
# buckets and objects under $STACK_DATA/s3. Contract: see servers/redis.sh.
VERSITYGW_MODULE=github.com/versity/versitygw/cmd/versitygw@v1.8.0
# shellcheck source=../lib/runtime.sh
. "$STACK_ROOT/lib/runtime.sh"

s3_external() { is_external S3_ENDPOINT; }

s3_install() {
  # Provisioning uses the project's AWS SDK on the pinned Node.
  ensure_runtime >&2 || return 1
  [ -d "$STACK_ROOT/node_modules/@aws-sdk/client-s3" ] || ensure_workspace_deps || return 1
  go_install "$VERSITYGW_MODULE" versitygw
}

s3_start() {
  mkdir -p "$STACK_DATA/s3"
  # Root credentials through the environment keep them out of `ps`. No WebUI, admin API, event
  # sinks or IAM services are enabled, so the gateway opens no other socket and calls out nowhere.
  spawn s3 env ROOT_ACCESS_KEY_ID="$S3_ACCESS_KEY_ID" ROOT_SECRET_ACCESS_KEY="$S3_SECRET_ACCESS_KEY" \
    "$STACK_CACHE/go/bin/versitygw" --port "$(url_host "$S3_ENDPOINT"):$(url_port "$S3_ENDPOINT")" \
    --region "$S3_REGION" --quiet posix "$STACK_DATA/s3"
}

# A signed ListBuckets call: proves the gateway serves S3 and accepts our credentials. (curl signs
# SigV4 but, before 8.x, does not send the payload hash header S3 requires.)
s3_ready() {
  curl -fsS -m 3 -o /dev/null -H 'x-amz-content-sha256: UNSIGNED-PAYLOAD' --aws-sigv4 "aws:amz:$S3_REGION:s3" \
    --user "$S3_ACCESS_KEY_ID:$S3_SECRET_ACCESS_KEY" "$S3_ENDPOINT/" 2>/dev/null
}
s3_wait() { wait_for 60 s3 s3_ready; }

# Creates S3_BUCKET when absent and lets browser pages on localhost upload to it with presigned URLs.
s3_provision() {
  (cd "$STACK_ROOT" && "$RUNTIME_DIR/node_modules/node/bin/node" - <<'JS'
const s3 = require('@aws-sdk/client-s3');
const env = process.env;
const client = new s3.S3Client({
  endpoint: env.S3_ENDPOINT,
  region: env.S3_REGION,
  forcePathStyle: env.S3_FORCE_PATH_STYLE === 'true',
  credentials: { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY },
});
const Bucket = env.S3_BUCKET;
async function main() {
  try {
    await client.send(new s3.HeadBucketCommand({ Bucket }));
  } catch (error) {
    if (error.$metadata?.httpStatusCode !== 404) throw error;
    await client.send(new s3.CreateBucketCommand({ Bucket }));
    process.stderr.write(`[stack] s3: created bucket ${Bucket}\n`);
  }
  await client.send(new s3.PutBucketCorsCommand({
    Bucket,
    CORSConfiguration: {
      CORSRules: [{
        AllowedOrigins: ['http://localhost:*', 'http://127.0.0.1:*'],
        AllowedMethods: ['GET', 'PUT', 'POST', 'HEAD'],
        AllowedHeaders: ['*'],
        ExposeHeaders: ['ETag'],
        MaxAgeSeconds: 600,
      }],
    },
  }));
}
main().catch((error) => {
  process.stderr.write(`[stack] s3: provisioning failed: ${error.name}: ${error.message}\n`);
  process.exit(1);
});
JS
  )
}
s3_address() { echo "$S3_ENDPOINT (bucket $S3_BUCKET)"; }
