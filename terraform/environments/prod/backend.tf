# State in the bucket and lock table that terraform/bootstrap creates. The bucket name carries the
# account id; pass it at init: tofu init -backend-config="bucket=marketplace-tfstate-<account-id>"
terraform {
  backend "s3" {
    key            = "environments/prod/terraform.tfstate"
    region         = "eu-west-1"
    dynamodb_table = "marketplace-tfstate-locks"
    encrypt        = true
  }
}
