output "cluster_name" {
  description = "EKS cluster (aws eks update-kubeconfig --name ...)."
  value       = module.eks.cluster_name
}

output "deploy_role_arn" {
  description = "Role deploy.yml assumes (GitHub environment variable AWS_DEPLOY_ROLE_ARN)."
  value       = aws_iam_role.deploy.arn
}

output "irsa_role_arns" {
  description = "IRSA roles: annotate the service accounts (media in values-<env>.yaml)."
  value       = module.eks.irsa_role_arns
}

output "public_subnet_cidrs" {
  description = "ALB subnets: global.networkPolicy.ingressFrom in values-<env>.yaml."
  value       = module.vpc.public_subnet_cidrs
}

output "aurora_endpoint" {
  description = "Aurora writer endpoint (MYSQL_URL host)."
  value       = module.rds.endpoint
}

output "documentdb_endpoint" {
  description = "DocumentDB endpoint (MONGODB_URL host)."
  value       = module.documentdb.endpoint
}

output "redis_endpoint" {
  description = "ElastiCache primary endpoint (REDIS_URL host, rediss://)."
  value       = module.elasticache.primary_endpoint
}

output "kafka_bootstrap_brokers" {
  description = "MSK SASL/SCRAM bootstrap brokers (KAFKA_BROKERS)."
  value       = module.msk.bootstrap_brokers_sasl_scram
}

output "media_bucket" {
  description = "Media bucket (S3_BUCKET)."
  value       = module.media_bucket.bucket_name
}

output "name_servers" {
  description = "Delegate the environment's domain to these."
  value       = module.dns.name_servers
}

output "certificate_arn" {
  description = "ACM certificate for the ALB."
  value       = module.dns.certificate_arn
}

output "alarm_topic_arn" {
  description = "SNS topic of the CloudWatch alarms."
  value       = module.cloudwatch.alarm_topic_arn
}

output "opensearch_endpoint" {
  description = "Logs and traces domain (observability.opensearchHost; the chart's default logs.<domain>)."
  value       = module.opensearch.endpoint
}

output "search_endpoint" {
  description = "Buyer search domain (the catalog's OPENSEARCH_URL is https://<this>, in its secret)."
  value       = module.opensearch_search.endpoint
}
