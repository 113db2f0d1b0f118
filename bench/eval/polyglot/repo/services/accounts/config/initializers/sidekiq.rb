# Renewals and reminder mails run on Sidekiq; Redis is shared with the gateway's rate limiter (db 2 here).
Sidekiq.configure_server do |config|
  config.redis = { url: ENV.fetch("SIDEKIQ_REDIS_URL", "redis://redis:6379/2") }
end

Sidekiq.configure_client do |config|
  config.redis = { url: ENV.fetch("SIDEKIQ_REDIS_URL", "redis://redis:6379/2") }
end
