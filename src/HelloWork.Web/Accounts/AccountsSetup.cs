using HelloWork.Web.TimedRules;

namespace HelloWork.Web.Accounts;

public static class AccountsSetup
{
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddSingleton<AccountMails>();
        services.AddSingleton<ITimedRule, ExpiredAuthKeys>();
        return services;
    }
}
