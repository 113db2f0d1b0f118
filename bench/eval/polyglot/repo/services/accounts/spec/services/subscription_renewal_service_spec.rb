require "rails_helper"

RSpec.describe SubscriptionRenewalService do
  let(:billing) { instance_double(BillingClient, create_draft: { "id" => 42 }) }
  let(:now) { Time.zone.parse("2024-06-01 03:00") }
  let(:clock) { double(current: now) }
  subject(:service) { described_class.new(billing_client: billing, clock: clock) }

  it "moves a monthly subscription to the next period" do
    subscription = create(:subscription, current_period_start: now - 1.month, current_period_end: now - 1.minute)
    expect(service.renew(subscription)).to eq(:renewed)
    expect(subscription.reload.current_period_end).to eq((now - 1.minute).advance(months: 1))
  end

  it "cancels at the end of the period when asked to" do
    subscription = create(:subscription, cancel_at_period_end: true, current_period_end: now - 1.minute)
    expect(service.renew(subscription)).to eq(:canceled)
  end

  it "keeps access during the grace period when billing is down" do
    allow(billing).to receive(:create_draft).and_raise(BillingClient::Unavailable, "timeout")
    subscription = create(:subscription, current_period_end: now - 1.day)
    expect(service.renew(subscription)).to eq(:renewed)
    expect(subscription.reload.status).to eq("active")
  end
end
