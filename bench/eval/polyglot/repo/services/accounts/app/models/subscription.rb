class Subscription < ApplicationRecord
  belongs_to :customer
  belongs_to :plan

  enum :status, { trialing: "trialing", active: "active", past_due: "past_due", canceled: "canceled" }

  scope :due_for_renewal, ->(now = Time.current) { where(status: %w[active trialing]).where("current_period_end <= ?", now) }

  # A cancellation takes effect at the end of the paid period, never in the middle of it.
  def cancel!(at_period_end: true)
    if at_period_end
      update!(cancel_at_period_end: true)
    else
      update!(status: "canceled", canceled_at: Time.current)
    end
  end

  def next_period_end(from = current_period_end)
    plan.yearly? ? from.advance(years: 1) : from.advance(months: 1)
  end
end
