# Renews subscriptions whose period ended: moves them to the next period and asks billing for an
# invoice draft. Trials convert to paid here. Runs hourly from RenewalJob.
#
# Proration: a plan change in the middle of a period is charged at renewal, for the days left on the
# new plan minus the days left on the old one (see ADR 0003 for why we do not charge immediately).
class SubscriptionRenewalService
  GRACE_PERIOD = 3.days

  Result = Struct.new(:renewed, :canceled, :past_due, keyword_init: true)

  def initialize(billing_client: BillingClient.new, clock: Time, logger: Rails.logger)
    @billing = billing_client
    @clock = clock
    @logger = logger
  end

  def call
    result = Result.new(renewed: 0, canceled: 0, past_due: 0)
    Subscription.due_for_renewal(@clock.current).includes(:plan, :customer).find_each do |subscription|
      outcome = renew(subscription)
      result[outcome] += 1
    end
    @logger.info("renewals: #{result.to_h}")
    result
  end

  # One subscription; returns :renewed, :canceled or :past_due.
  def renew(subscription)
    if subscription.cancel_at_period_end?
      subscription.update!(status: "canceled", canceled_at: @clock.current)
      return :canceled
    end

    Subscription.transaction do
      subscription.lock!
      return :renewed if subscription.current_period_end > @clock.current # renewed by a concurrent run

      lines = invoice_lines_for(subscription)
      draft = @billing.create_draft(customer_id: subscription.customer.external_id, currency: subscription.plan.currency, lines: lines)
      subscription.update!(
        status: "active",
        trial_ends_at: nil,
        current_period_start: subscription.current_period_end,
        current_period_end: subscription.next_period_end,
        pending_plan_id: nil,
        plan_id: subscription.pending_plan_id || subscription.plan_id,
        last_invoice_id: draft.fetch("id"),
      )
    end
    :renewed
  rescue BillingClient::Unavailable => error
    mark_past_due(subscription, error)
  end

  private

  def invoice_lines_for(subscription)
    lines = [{ sku: "plan:#{subscription.plan.code}", description: subscription.plan.name, quantity: 1, unit_price_minor: subscription.plan.price_minor }]
    proration = proration_line(subscription)
    lines << proration if proration
    lines
  end

  # Days left on the new plan minus days left on the old one, at each plan's daily price.
  def proration_line(subscription)
    return nil unless subscription.plan_changed_at && subscription.previous_plan

    period_days = (subscription.current_period_end.to_date - subscription.current_period_start.to_date).to_i
    days_left = (subscription.current_period_end.to_date - subscription.plan_changed_at.to_date).to_i
    return nil if days_left <= 0 || period_days <= 0

    old_daily = subscription.previous_plan.price_minor.to_r / period_days
    new_daily = subscription.plan.price_minor.to_r / period_days
    amount = ((new_daily - old_daily) * days_left).round
    return nil if amount.zero?

    { sku: "proration", description: "Plan change on #{subscription.plan_changed_at.to_date}", quantity: 1, unit_price_minor: amount }
  end

  # Billing is down: keep access for the grace period, then the subscription becomes past due.
  def mark_past_due(subscription, error)
    @logger.warn("renewal of subscription #{subscription.id} failed: #{error.message}")
    if subscription.current_period_end + GRACE_PERIOD < @clock.current
      subscription.update!(status: "past_due")
      :past_due
    else
      :renewed
    end
  end
end
