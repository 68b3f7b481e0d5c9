output "platform" {
  description = "Everything the Helm values and GitHub environment need (endpoints, roles, DNS)."
  value = {
    cluster_name            = module.platform.cluster_name
    deploy_role_arn         = module.platform.deploy_role_arn
    irsa_role_arns          = module.platform.irsa_role_arns
    public_subnet_cidrs     = module.platform.public_subnet_cidrs
    aurora_endpoint         = module.platform.aurora_endpoint
    documentdb_endpoint     = module.platform.documentdb_endpoint
    redis_endpoint          = module.platform.redis_endpoint
    kafka_bootstrap_brokers = module.platform.kafka_bootstrap_brokers
    media_bucket            = module.platform.media_bucket
    name_servers            = module.platform.name_servers
    certificate_arn         = module.platform.certificate_arn
    alarm_topic_arn         = module.platform.alarm_topic_arn
    opensearch_endpoint     = module.platform.opensearch_endpoint
  }
}
