module Api
  class SubscriptionsController < ApplicationController
    before_action :authenticate_customer!

    def destroy
      subscription = current_customer.subscriptions.find(params[:id])
      subscription.cancel!(at_period_end: params[:immediately] != "true")
      render json: subscription
    end

    # A plan change applies at once; the price difference is prorated on the next renewal invoice.
    def update
      subscription = current_customer.subscriptions.find(params[:id])
      new_plan = Plan.find_by!(code: params.require(:plan))
      subscription.update!(previous_plan: subscription.plan, plan: new_plan, plan_changed_at: Time.current)
      render json: subscription
    end
  end
end
