class RenewalJob
  include Sidekiq::Job
  sidekiq_options queue: :billing, retry: 3

  def perform
    SubscriptionRenewalService.new.call
  end
end
