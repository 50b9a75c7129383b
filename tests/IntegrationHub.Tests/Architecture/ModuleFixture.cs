// Modules that break the rules on purpose, for ModuleDependencyTests to find: proof that the check can fail.
#pragma warning disable CA1812, CA1822, IDE0051

namespace IntegrationHub.Tests.Architecture.Fixture.Lower
{
    public sealed class Open
    {
        public int Value => 1;
    }

    internal sealed class Hidden
    {
        public int Value => 2;
    }

    internal sealed class UsesUpper
    {
        public int Read() => new Upper.Open().Value;
    }
}

namespace IntegrationHub.Tests.Architecture.Fixture.Upper
{
    public sealed class Open
    {
        public int Value => new Lower.Open().Value;
    }

    internal sealed class UsesInternal
    {
        public int Read() => new Lower.Hidden().Value;
    }
}

namespace IntegrationHub.Tests.Architecture.Fixture.Flows.A
{
    internal sealed class UsesFlowB
    {
        public int Read() => new B.Open().Value + new Upper.Open().Value;
    }
}

namespace IntegrationHub.Tests.Architecture.Fixture.Flows.B
{
    public sealed class Open
    {
        public int Value => 3;
    }
}
