using HelloWork.Web.Live;

namespace HelloWork.Tests.Live;

public sealed class LiveEventsTests
{
    [Fact, Trait("Rule", "MSG-3")]
    public void Every_hub_method_becomes_a_kebab_case_page_event()
    {
        Assert.Equal("notice-received", LiveEvents.ToEventName(nameof(ILiveClient.NoticeReceived)));
        Assert.Equal("notice-read", LiveEvents.ToEventName(nameof(ILiveClient.NoticeRead)));
        Assert.Equal(typeof(ILiveClient).GetMethods().Select(m => m.Name).Order(), LiveEvents.Names.Split(' '));
    }

    [Fact, Trait("Rule", "MSG-3")]
    public void Pushes_carry_only_ids()
    {
        foreach (var method in typeof(ILiveClient).GetMethods())
        {
            Assert.All(method.GetParameters(), p => Assert.True(p.ParameterType == typeof(long) || p.ParameterType == typeof(Guid),
                $"{method.Name}({p.ParameterType.Name} {p.Name}) must carry an id, never data"));
        }
    }
}
