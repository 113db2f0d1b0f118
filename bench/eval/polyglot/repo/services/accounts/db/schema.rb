ActiveRecord::Schema[7.2].define(version: 2024_05_20_101500) do
  create_table "customers", force: :cascade do |t|
    t.string "external_id", null: false
    t.string "email", null: false
    t.string "password_digest", null: false
    t.string "vat_id"
    t.integer "failed_logins", default: 0, null: false
    t.datetime "locked_at"
    t.index ["email"], unique: true
  end

  create_table "plans", force: :cascade do |t|
    t.string "code", null: false
    t.string "name", null: false
    t.string "interval", null: false
    t.string "currency", default: "EUR", null: false
    t.bigint "price_minor", null: false
  end

  create_table "subscriptions", force: :cascade do |t|
    t.references "customer", null: false
    t.references "plan", null: false
    t.bigint "previous_plan_id"
    t.bigint "pending_plan_id"
    t.string "status", null: false
    t.datetime "current_period_start"
    t.datetime "current_period_end"
    t.datetime "trial_ends_at"
    t.datetime "plan_changed_at"
    t.boolean "cancel_at_period_end", default: false
    t.datetime "canceled_at"
    t.bigint "last_invoice_id"
  end
end
