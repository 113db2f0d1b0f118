FactoryBot.define do
  factory :customer do
    sequence(:email) { |n| "customer#{n}@example.com" }
    sequence(:external_id) { |n| "cus_#{n}" }
    password { "correct horse battery staple" }
  end

  factory :plan do
    sequence(:code) { |n| "plan-#{n}" }
    name { "Monthly" }
    interval { "month" }
    price_minor { 900 }
  end

  factory :subscription do
    customer
    plan
    status { "active" }
    current_period_start { 1.month.ago }
    current_period_end { Time.current }
  end
end
