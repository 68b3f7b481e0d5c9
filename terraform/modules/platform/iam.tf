# Policies of the IRSA roles and the GitHub Actions deploy role of this environment.
data "aws_iam_policy_document" "media" {
  statement {
    sid       = "MediaObjects"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"]
    resources = ["${module.media_bucket.bucket_arn}/*"]
  }
  statement {
    sid       = "MediaBucket"
    actions   = ["s3:ListBucket"]
    resources = [module.media_bucket.bucket_arn]
  }
  statement {
    sid       = "MediaKey"
    actions   = ["kms:GenerateDataKey", "kms:Decrypt"]
    resources = [module.kms_data.key_arn]
  }
}

# Tenant offboarding (ADR 0038): each participating service writes its part of an export under the prefix.
data "aws_iam_policy_document" "offboarding_parts" {
  statement {
    sid       = "WriteExportParts"
    actions   = ["s3:PutObject"]
    resources = ["${module.media_bucket.bucket_arn}/${local.offboarding_prefix}/*"]
  }
  statement {
    sid       = "EncryptExportParts"
    actions   = ["kms:GenerateDataKey"]
    resources = [module.kms_data.key_arn]
  }
}

# The tenants service also assembles the archive from the parts, presigns its download and deletes a tenant's
# exports; it lists only below the prefix.
data "aws_iam_policy_document" "offboarding_coordinator" {
  statement {
    sid       = "ExportObjects"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"]
    resources = ["${module.media_bucket.bucket_arn}/${local.offboarding_prefix}/*"]
  }
  statement {
    sid       = "ListExports"
    actions   = ["s3:ListBucket"]
    resources = [module.media_bucket.bucket_arn]
    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = ["${local.offboarding_prefix}/*"]
    }
  }
  statement {
    sid       = "ExportKey"
    actions   = ["kms:GenerateDataKey", "kms:Decrypt"]
    resources = [module.kms_data.key_arn]
  }
}

# The catalog searches (below) and writes its offboarding part.
data "aws_iam_policy_document" "catalog" {
  source_policy_documents = [
    data.aws_iam_policy_document.search_writer.json,
    data.aws_iam_policy_document.offboarding_parts.json,
  ]
}

data "aws_iam_policy_document" "external_secrets" {
  statement {
    sid     = "ReadEnvironmentSecrets"
    actions = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
    resources = [
      "arn:${data.aws_partition.current.partition}:secretsmanager:${var.region}:${data.aws_caller_identity.current.account_id}:secret:marketplace/${var.environment}/*",
      module.rds.master_user_secret_arn,
      module.documentdb.master_user_secret_arn,
      module.elasticache.auth_secret_arn,
    ]
  }
  statement {
    sid       = "DecryptSecrets"
    actions   = ["kms:Decrypt"]
    resources = [module.kms_data.key_arn]
  }
}

# Fluent Bit and the OpenTelemetry collector write documents to the logs domain, nothing else.
data "aws_iam_policy_document" "opensearch_writer" {
  statement {
    sid       = "WriteDocuments"
    actions   = ["es:ESHttpGet", "es:ESHttpHead", "es:ESHttpPost", "es:ESHttpPut"]
    resources = ["${local.opensearch_domain_arn}/*"]
  }
}

# The catalog indexes, searches and, for a full reindex, creates and deletes indices and moves the alias.
data "aws_iam_policy_document" "search_writer" {
  statement {
    sid       = "SearchProducts"
    actions   = ["es:ESHttpGet", "es:ESHttpHead", "es:ESHttpPost", "es:ESHttpPut", "es:ESHttpDelete"]
    resources = ["${local.search_domain_arn}/*"]
  }
}

data "aws_iam_policy_document" "external_dns" {
  statement {
    sid       = "ChangeRecords"
    actions   = ["route53:ChangeResourceRecordSets", "route53:ListResourceRecordSets", "route53:ListTagsForResources"]
    resources = [module.dns.zone_arn]
  }
  statement {
    sid       = "ListZones"
    actions   = ["route53:ListHostedZones"]
    resources = ["*"]
  }
}

data "aws_iam_openid_connect_provider" "github" {
  url = "https://token.actions.githubusercontent.com"
}

# deploy.yml assumes this role only from the GitHub environment of the same name.
data "aws_iam_policy_document" "deploy_assume" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [data.aws_iam_openid_connect_provider.github.arn]
    }
    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:aud"
      values   = ["sts.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:sub"
      values   = ["repo:${var.github_repository}:environment:${var.github_environment}"]
    }
  }
}

data "aws_iam_policy_document" "deploy" {
  statement {
    sid       = "DescribeCluster"
    actions   = ["eks:DescribeCluster"]
    resources = ["arn:${data.aws_partition.current.partition}:eks:${var.region}:${data.aws_caller_identity.current.account_id}:cluster/${local.name}"]
  }
  # deploy.yml resolves each image tag to its digest and deploys by digest.
  statement {
    sid       = "ResolveImageDigests"
    actions   = ["ecr:DescribeImages"]
    resources = ["arn:${data.aws_partition.current.partition}:ecr:${var.region}:${data.aws_caller_identity.current.account_id}:repository/marketplace/*"]
  }
}

resource "aws_iam_role" "deploy" {
  name                 = "${local.name}-github-deploy"
  assume_role_policy   = data.aws_iam_policy_document.deploy_assume.json
  max_session_duration = 3600
  tags                 = local.tags
}

resource "aws_iam_role_policy" "deploy" {
  name   = "describe-cluster"
  role   = aws_iam_role.deploy.id
  policy = data.aws_iam_policy_document.deploy.json
}
