using DslRunner.Cli;
using DslRunner.Native;
using DslRunner.Tests.Hardening.Probes;
using DslRunner.Tests.Infrastructure;
using TorchSharp;

namespace DslRunner.Tests.Native;

public sealed class DeviceSelectionTests
{
    [Fact]
    public void CUDA_is_chosen_when_present_and_the_CPU_otherwise_unless_overridden()
    {
        TorchRuntime.EnsureLoaded();
        Assert.Equal(DeviceType.CUDA, TorchRuntime.ChooseDevice(null, cudaAvailable: true));
        Assert.Equal(DeviceType.CPU, TorchRuntime.ChooseDevice(null, cudaAvailable: false));
        Assert.Equal(DeviceType.CPU, TorchRuntime.ChooseDevice("CPU", cudaAvailable: true));
        Assert.Equal(DeviceType.CUDA, TorchRuntime.ChooseDevice("cuda", cudaAvailable: true));
    }

    [Fact]
    public void Asking_for_CUDA_without_it_is_a_clear_error()
    {
        TorchRuntime.EnsureLoaded();
        var error = Assert.Throws<InvalidOperationException>(() => TorchRuntime.ChooseDevice("cuda", cudaAvailable: false));
        Assert.Contains("DSLRUNNER_DEVICE=cuda, but libtorch sees no CUDA device", error.Message);
        Assert.Throws<InvalidOperationException>(() => TorchRuntime.ChooseDevice("tpu", cudaAvailable: false));
    }

    [Fact]
    public void Models_built_after_configuring_live_on_the_chosen_device()
    {
        TorchRuntime.Configure(1, 1);
        using var model = new DslRunner.Models.GptModel(
            new DslRunner.Models.TransformerConfig(1, 8, 2, 4, DslRunner.Config.OutputHead.Tied, 0, null), vocabularySize: 5);

        // This project references TorchSharp-cpu, whose libtorch has no CUDA: every model lives on the CPU.
        Assert.False(torch.cuda.is_available());
        var expected = DeviceType.CPU;
        Assert.Equal(expected, model.TokenVectors.device_type);
    }

    [SkippableFact]
    public void A_fresh_command_line_process_reads_DSLRUNNER_DEVICE()
    {
        TorchRuntime.EnsureLoaded();
        if (torch.cuda.is_available()) Skip.Because("libtorch sees CUDA here, so asking for it cannot fail");
        using var runs = new TempFolder();

        var (exit, error) = HostProcess.Run(new Dictionary<string, string?> { [TorchRuntime.DeviceVariable] = "cuda" }, "run", "tiny", "--runs", runs.Path);

        Assert.Equal(ExitCodes.Failed, exit);
        Assert.Contains("DSLRUNNER_DEVICE=cuda, but libtorch sees no CUDA device", error);
    }
}
