using HelloWork.Web.Domain;
namespace HelloWork.Web.Domain;

/// <summary>A rule said no. The key names a text in the resource files, shown to the person.</summary>
public sealed class DomainException(string key, params object[] args) : Exception(key)
{
    public string Key { get; } = key;
    public object[] Args { get; } = args;
}
