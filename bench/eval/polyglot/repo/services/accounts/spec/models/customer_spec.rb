require "rails_helper"

RSpec.describe Customer do
  it "locks after five failed logins" do
    customer = create(:customer)
    5.times { customer.register_failed_login! }
    expect(customer).to be_locked
  end

  it "stores e-mail addresses lower-cased" do
    expect(create(:customer, email: " Ada@Example.COM ").email).to eq("ada@example.com")
  end
end
