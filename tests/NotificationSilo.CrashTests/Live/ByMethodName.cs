using Xunit.Abstractions;
using Xunit.Sdk;

namespace NotificationSilo.CrashTests.Live;

/// <summary>
/// Runs a class's tests in the order of their names. Tests that share one cluster and end by killing a silo say so in
/// their names, so the kill comes last.
/// </summary>
public sealed class ByMethodName : ITestCaseOrderer
{
    public const string TypeName = "NotificationSilo.CrashTests.Live.ByMethodName";
    public const string AssemblyName = "NotificationSilo.CrashTests";

    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases) where TTestCase : ITestCase =>
        testCases.OrderBy(t => t.TestMethod.Method.Name, StringComparer.Ordinal);
}
