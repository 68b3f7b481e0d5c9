output "alarm_topic_arn" {
  description = "SNS topic receiving every alarm."
  value       = aws_sns_topic.alarms.arn
}

output "log_group_names" {
  description = "Log group name per purpose."
  value       = { for key, group in aws_cloudwatch_log_group.this : key => group.name }
}
