# Account-level resources, applied once with local state by an administrator, then migrated into
# the bucket it creates (docs/deploying-to-aws.md): the state bucket and lock table, the GitHub
# OIDC provider, the ECR repositories shared by every environment (images are built once and
# promoted by tag), and the role images.yml assumes to push.
provider "aws" {
  region = var.region
  default_tags {
    tags = {
      Project   = "marketplace"
      ManagedBy = "opentofu"
    }
  }
}

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

module "kms_state" {
  source      = "../modules/kms"
  alias       = "marketplace-tfstate"
  description = "OpenTofu state and lock table"
}

module "kms_images" {
  source      = "../modules/kms"
  alias       = "marketplace-ecr"
  description = "Container images in ECR"
}

resource "aws_s3_bucket" "state" {
  #checkov:skip=CKV_AWS_144:State is versioned and small; a cross-region copy is taken by the organisation backup, not by replication.
  #checkov:skip=CKV2_AWS_62:No consumer for state-object events.
  #checkov:skip=CKV_AWS_18:Access to state is audited through CloudTrail data events, which cover who read or wrote it.
  bucket = "marketplace-tfstate-${data.aws_caller_identity.current.account_id}"
}

resource "aws_s3_bucket_public_access_block" "state" {
  bucket                  = aws_s3_bucket.state.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "state" {
  bucket = aws_s3_bucket.state.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "state" {
  bucket = aws_s3_bucket.state.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = module.kms_state.key_arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "state" {
  bucket = aws_s3_bucket.state.id
  rule {
    id     = "old-state-versions"
    status = "Enabled"
    filter {}
    noncurrent_version_expiration {
      noncurrent_days = 365
    }
    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }
}

data "aws_iam_policy_document" "state" {
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.state.arn, "${aws_s3_bucket.state.arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "state" {
  bucket     = aws_s3_bucket.state.id
  policy     = data.aws_iam_policy_document.state.json
  depends_on = [aws_s3_bucket_public_access_block.state]
}

resource "aws_dynamodb_table" "locks" {
  name         = "marketplace-tfstate-locks"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "LockID"

  attribute {
    name = "LockID"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = module.kms_state.key_arn
  }

  deletion_protection_enabled = true
}

resource "aws_iam_openid_connect_provider" "github" {
  url            = "https://token.actions.githubusercontent.com"
  client_id_list = ["sts.amazonaws.com"]
}

module "ecr" {
  source       = "../modules/ecr"
  repositories = var.deployables
  kms_key_arn  = module.kms_images.key_arn
}

# images.yml on the main branch may push; nothing else may assume this role.
data "aws_iam_policy_document" "images_assume" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [aws_iam_openid_connect_provider.github.arn]
    }
    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:aud"
      values   = ["sts.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:sub"
      values   = ["repo:${var.github_repository}:ref:refs/heads/main"]
    }
  }
}

data "aws_iam_policy_document" "images" {
  statement {
    sid       = "Login"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"]
  }
  statement {
    sid = "Push"
    actions = [
      "ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:CompleteLayerUpload",
      "ecr:DescribeImages", "ecr:GetDownloadUrlForLayer", "ecr:InitiateLayerUpload",
      "ecr:PutImage", "ecr:UploadLayerPart",
    ]
    resources = module.ecr.repository_arns
  }
  statement {
    sid       = "ImageKey"
    actions   = ["kms:GenerateDataKey", "kms:Decrypt"]
    resources = [module.kms_images.key_arn]
  }
}

resource "aws_iam_role" "images" {
  name                 = "marketplace-github-images"
  assume_role_policy   = data.aws_iam_policy_document.images_assume.json
  max_session_duration = 3600
}

resource "aws_iam_role_policy" "images" {
  name   = "push-images"
  role   = aws_iam_role.images.id
  policy = data.aws_iam_policy_document.images.json
}
