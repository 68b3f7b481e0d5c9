variable "name" {
  description = "Cluster name."
  type        = string
}

variable "kubernetes_version" {
  description = "EKS Kubernetes version."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets for the control-plane ENIs and the nodes."
  type        = list(string)
}

variable "endpoint_public_access" {
  description = "Expose the API endpoint publicly (restricted to public_access_cidrs)."
  type        = bool
  default     = false
}

variable "public_access_cidrs" {
  description = "CIDRs allowed to reach a public API endpoint."
  type        = list(string)
  default     = []
}

variable "secrets_kms_key_arn" {
  description = "KMS key for envelope encryption of Kubernetes secrets."
  type        = string
}

variable "ebs_kms_key_arn" {
  description = "KMS key for node volumes."
  type        = string
}

variable "logs_kms_key_arn" {
  description = "KMS key for the control-plane log group."
  type        = string
}

variable "log_retention_days" {
  description = "Control-plane log retention."
  type        = number
  default     = 365
}

variable "node_disk_size" {
  description = "Node root volume size in GiB."
  type        = number
  default     = 50
}

variable "node_groups" {
  description = "Managed node groups by name."
  type = map(object({
    instance_types = list(string)
    capacity_type  = optional(string, "ON_DEMAND")
    min_size       = number
    max_size       = number
    desired_size   = number
    labels         = optional(map(string), {})
  }))
}

variable "admin_role_arns" {
  description = "IAM roles with cluster-admin access (platform operators)."
  type        = list(string)
  default     = []
}

variable "deployer_role_arns" {
  description = "IAM roles (CI) that deploy the Helm release."
  type        = list(string)
  default     = []
}

variable "deployer_namespaces" {
  description = "Namespaces the deployer roles may edit."
  type        = list(string)
  default     = ["marketplace"]
}

variable "irsa_roles" {
  description = "IAM roles for service accounts: name => namespace, service account, inline policy JSON."
  type = map(object({
    namespace       = string
    service_account = string
    policy_json     = string
  }))
  default = {}
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}
