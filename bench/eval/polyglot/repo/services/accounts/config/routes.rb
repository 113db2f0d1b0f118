Rails.application.routes.draw do
  get "/.well-known/jwks.json", to: "api/jwks#show"
  namespace :api do
    post "sessions", to: "sessions#create"
    resources :subscriptions, only: %i[index update destroy]
    resources :password_resets, only: %i[create update]
  end
end
