# Mails customers three days before their trial converts to a paid plan (required by consumer law in
# several EU countries for auto-renewing contracts).
class TrialEndingReminderJob
  include Sidekiq::Job
  REMIND_BEFORE = 3.days

  def perform
    Subscription.trialing.where(trial_ends_at: REMIND_BEFORE.from_now.all_day).find_each do |subscription|
      CustomerMailer.trial_ending(subscription).deliver_later
    end
  end
end
