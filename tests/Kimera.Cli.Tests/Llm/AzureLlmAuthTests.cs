using Azure.Core;
using Kimera.Engine.Geoids;
using Kimera.Judging;
using Kimera.Llm;
using Kimera.Llm.Authentication;
using Kimera.TestSupport.FakeOpenAi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Kimera.Cli.Tests.Llm;

/// <summary><c>--llm-auth azure</c>: requests carry the credential's token as a bearer token and no key, and a token is
/// replaced once it is within <see cref="LlmAccessTokenCache.RefreshMargin"/> of expiring (a fake clock, a fake credential).</summary>
public sealed class AzureLlmAuthTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Requests_carry_the_credentials_token_and_no_key()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        var credential = new ScriptedCredential(new AccessToken("entra-token-1", Start.AddHours(1)));
        var clock = new FakeTimeProvider(Start);
        using var provider = Services(server, credential, clock, "client-id-of-the-app");
        using var judge = ((LlmJudgeSource)provider.GetRequiredService<ILlmJudgeSource>()).CreateJudge(LlmShare.WholeRun);

        var results = await judge.JudgeManyAsync([Pair("p0", "The sky is blue", "The sky is not blue")]);

        Assert.True(Assert.Single(results).IsJudged);
        var request = Assert.Single(server.Requests);
        Assert.Equal("Bearer entra-token-1", request.Authorization);
        Assert.Null(request.ApiKeyHeader);
        Assert.DoesNotContain("sk-", request.Authorization, StringComparison.Ordinal);
        var asked = Assert.Single(credential.Requests);
        Assert.Equal(["https://cognitiveservices.azure.com/.default"], asked.Scopes);
        Assert.Equal(["client-id-of-the-app"], credential.ClientIds);
    }

    [Fact]
    public async Task A_token_is_kept_until_five_minutes_before_it_expires_then_the_next_one_is_used()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        var credential = new ScriptedCredential(
            new AccessToken("entra-token-1", Start.AddMinutes(60)), new AccessToken("entra-token-2", Start.AddMinutes(120)));
        var clock = new FakeTimeProvider(Start);
        using var provider = Services(server, credential, clock, clientId: null);
        using var judge = ((LlmJudgeSource)provider.GetRequiredService<ILlmJudgeSource>()).CreateJudge(LlmShare.WholeRun);

        await judge.JudgeManyAsync([Pair("p0", "Water is wet", "Water is not wet")]);
        clock.Advance(TimeSpan.FromMinutes(54)); // 12:54, 6 minutes left: still fresh
        await judge.JudgeManyAsync([Pair("p1", "Snow is cold", "Snow is not cold")]);
        clock.Advance(TimeSpan.FromMinutes(1)); // 12:55, 5 minutes left: replaced
        await judge.JudgeManyAsync([Pair("p2", "This road is long", "This road is not long")]);
        await judge.JudgeManyAsync([Pair("p3", "The bridge is old", "The bridge is not old")]);

        Assert.Equal(
            ["Bearer entra-token-1", "Bearer entra-token-1", "Bearer entra-token-2", "Bearer entra-token-2"],
            server.Requests.OrderBy(r => r.Sequence).Select(r => r.Authorization));
        Assert.All(server.Requests, r => Assert.Null(r.ApiKeyHeader));
        Assert.Equal(2, credential.Requests.Count);
        // No client id given: DefaultAzureCredential's own default (AZURE_CLIENT_ID, else the system-assigned identity).
        Assert.Equal([null], credential.ClientIds);
    }

    [Fact]
    public void Azure_auth_needs_no_key_but_key_auth_still_does()
    {
        var azure = new LlmJudgeOptions { Auth = LlmAuthentication.Azure };
        var key = new LlmJudgeOptions { Auth = LlmAuthentication.Key };

        Assert.True(new LlmJudgeOptionsValidator().Validate(null, azure).Succeeded);
        Assert.Equal(
            ["ApiKey is empty: set OPENAI_API_KEY (or sign in with Entra ID: Auth azure)."],
            new LlmJudgeOptionsValidator().Validate(null, key).Failures);
    }

    private static ServiceProvider Services(FakeOpenAiServer server, ScriptedCredential credential, TimeProvider clock, string? clientId)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(clock);
        services.AddSingleton<ILlmAccessTokenSource>(new AzureLlmTokenSource(id =>
        {
            credential.ClientIds.Add(id);
            return credential;
        }));
        services.AddLlmJudge(o =>
        {
            o.Endpoint = server.BaseUrl;
            o.Auth = LlmAuthentication.Azure;
            o.ManagedIdentityClientId = clientId;
            o.RequestsPerMinute = 100_000;
            o.TokensPerMinute = 100_000_000;
        });
        return services.BuildServiceProvider();
    }

    private static JudgeInput Pair(string id, string first, string second) =>
        new(id, new Geoid(first, "en", []), new Geoid(second, "en", []));

    /// <summary>A credential that hands out its tokens in order (the last one again when they run out) and records what it was asked.</summary>
    private sealed class ScriptedCredential(params AccessToken[] tokens) : TokenCredential
    {
        private int _next;

        public List<TokenRequestContext> Requests { get; } = [];

        public List<string?> ClientIds { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => Next(requestContext);

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(Next(requestContext));

        private AccessToken Next(TokenRequestContext requestContext)
        {
            lock (Requests)
            {
                Requests.Add(requestContext);
                return tokens[Math.Min(_next++, tokens.Length - 1)];
            }
        }
    }
}
