# Log groups for what does not go to OpenSearch (application fallback, Fluent Bit's own errors),
# an encrypted SNS topic for alarms, and alarms on the managed stores' saturation signals.
resource "aws_cloudwatch_log_group" "this" {
  for_each          = toset(var.log_groups)
  name              = "/marketplace/${var.environment}/${each.value}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.logs_kms_key_arn
  tags              = var.tags
}

resource "aws_sns_topic" "alarms" {
  name              = "marketplace-${var.environment}-alarms"
  kms_master_key_id = var.logs_kms_key_arn
  tags              = var.tags
}

resource "aws_sns_topic_subscription" "email" {
  for_each  = toset(var.alarm_emails)
  topic_arn = aws_sns_topic.alarms.arn
  protocol  = "email"
  endpoint  = each.value
}

locals {
  actions = [aws_sns_topic.alarms.arn]
  alarms = {
    aurora-cpu = {
      namespace  = "AWS/RDS", metric = "CPUUtilization", stat = "Average", threshold = 80, comparison = "GreaterThanThreshold"
      dimensions = { DBClusterIdentifier = var.rds_cluster_id }, description = "Aurora CPU above 80% for 15 minutes"
    }
    aurora-freeable-memory = {
      namespace  = "AWS/RDS", metric = "FreeableMemory", stat = "Minimum", threshold = 268435456, comparison = "LessThanThreshold"
      dimensions = { DBClusterIdentifier = var.rds_cluster_id }, description = "Aurora freeable memory below 256 MiB"
    }
    aurora-replica-lag = {
      namespace  = "AWS/RDS", metric = "AuroraReplicaLagMaximum", stat = "Maximum", threshold = 2000, comparison = "GreaterThanThreshold"
      dimensions = { DBClusterIdentifier = var.rds_cluster_id }, description = "Aurora replica lag above 2 s"
    }
    cache-memory = {
      namespace  = "AWS/ElastiCache", metric = "DatabaseMemoryUsagePercentage", stat = "Maximum", threshold = 80, comparison = "GreaterThanThreshold"
      dimensions = { CacheClusterId = "${var.elasticache_replication_group_id}-001" }, description = "Cache memory above 80% (evictions of carts follow)"
    }
    cache-cpu = {
      namespace  = "AWS/ElastiCache", metric = "EngineCPUUtilization", stat = "Average", threshold = 80, comparison = "GreaterThanThreshold"
      dimensions = { CacheClusterId = "${var.elasticache_replication_group_id}-001" }, description = "Cache engine CPU above 80%"
    }
    kafka-disk = {
      namespace  = "AWS/Kafka", metric = "KafkaDataLogsDiskUsed", stat = "Maximum", threshold = 80, comparison = "GreaterThanThreshold"
      dimensions = { "Cluster Name" = var.msk_cluster_name }, description = "MSK broker data disk above 80%"
    }
    docdb-cpu = {
      namespace  = "AWS/DocDB", metric = "CPUUtilization", stat = "Average", threshold = 80, comparison = "GreaterThanThreshold"
      dimensions = { DBClusterIdentifier = var.docdb_cluster_id }, description = "DocumentDB CPU above 80% for 15 minutes"
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "this" {
  for_each            = local.alarms
  alarm_name          = "marketplace-${var.environment}-${each.key}"
  alarm_description   = each.value.description
  namespace           = each.value.namespace
  metric_name         = each.value.metric
  statistic           = each.value.stat
  dimensions          = each.value.dimensions
  period              = 300
  evaluation_periods  = 3
  threshold           = each.value.threshold
  comparison_operator = each.value.comparison
  treat_missing_data  = "breaching"
  alarm_actions       = local.actions
  ok_actions          = local.actions
  tags                = var.tags
}
