#!/usr/bin/env bash
# The packages as a researcher meets them, outside this repository: pack every package into a temporary feed with a
# version unique to this run (NuGet caches packages by id and version, so a reused version would test an old
# package), install the template into a private template hive, create a study in a temporary folder whose NuGet.config
# names that feed and the normal registry, build it, run its tests and its command line (list, a short run, rerun,
# diff), then break its YAML and check the build error's file, line and column.
# Run by .ci/run after the test suite; prints "packages end-to-end: passed" or the first failed check.
set -uo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

work=$(mktemp -d "${TMPDIR:-/tmp}/dslrunner-packages.XXXXXX")
prefix=$(sed -n 's:.*<VersionPrefix>\(.*\)</VersionPrefix>.*:\1:p' "$repo/Directory.Build.props")
version="$prefix-e2e.$(date -u +%Y%m%d%H%M%S).$$"
feed="$work/feed" hive="$work/template-hive" study_root="$work/studies"
cache="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
packages=(runtime:DslRunner tests/Testing:DslRunner.Testing runtime/packaging/templates:DslRunner.Templates)

cleanup() {
  rm -rf "$work"
  for entry in "${packages[@]}"; do
    id=${entry#*:}
    rm -rf "$cache/${id,,}/$version"
  done
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; echo "packages end-to-end: failed"; exit 1; }
step() { echo "== $* ($(( SECONDS ))s)"; }
log() { echo "$work/$1.log"; }

case "$study_root/" in "$repo"/*) fail "the study folder $study_root is inside the repository";; esac

step "pack ${#packages[@]} packages as $version (warnings are errors)"
for entry in "${packages[@]}"; do
  project=${entry%%:*} id=${entry#*:}
  dotnet pack "$repo/$project" -c Release -o "$feed" -p:Version="$version" -warnaserror >"$(log "pack-$id")" 2>&1 \
    || { tail -n 30 "$(log "pack-$id")"; fail "dotnet pack $project"; }
  [ -f "$feed/$id.$version.nupkg" ] || fail "no $id.$version.nupkg in the feed"
done
for file in "$feed"/*.nupkg "$feed"/*.snupkg; do
  printf '   %-60s %6d KiB\n' "${file##*/}" $(( $(stat -c %s "$file") / 1024 ))
done
listing=$(unzip -Z1 "$feed/DslRunner.$version.nupkg")
for entry in lib/net10.0/DslRunner.Runtime.dll analyzers/dotnet/cs/DslRunner.Generator.dll analyzers/dotnet/cs/YamlDotNet.dll \
             buildTransitive/DslRunner.props buildTransitive/DslRunner.targets buildTransitive/TorchSharpNatives.targets \
             buildTransitive/LibStdCxxCompatibility.cs buildTransitive/experiment.schema.json README.md LICENSE; do
  grep -qx "$entry" <<<"$listing" || fail "DslRunner.$version.nupkg lacks $entry"
done
# The application chooses libtorch's build: DslRunner depends on the managed TorchSharp, never on a backend package.
torchsharp=$(sed -n 's:.*<TorchSharpVersion>\(.*\)</TorchSharpVersion>.*:\1:p' "$repo/Directory.Packages.props")
nuspec=$(unzip -p "$feed/DslRunner.$version.nupkg" DslRunner.nuspec)
grep -q "<dependency id=\"TorchSharp\" version=\"$torchsharp\"" <<<"$nuspec" || fail "DslRunner.nuspec does not depend on TorchSharp $torchsharp"
if grep -qiE '<dependency id="(TorchSharp-|libtorch)' <<<"$nuspec"; then fail "DslRunner.nuspec depends on a libtorch backend: $(grep -iE 'TorchSharp-|libtorch' <<<"$nuspec")"; fi

step "install the template into a private hive"
dotnet new install "$feed/DslRunner.Templates.$version.nupkg" --debug:custom-hive "$hive" >"$(log install)" 2>&1 \
  || { cat "$(log install)"; fail "dotnet new install"; }

step "create a study outside the repository"
mkdir -p "$study_root"
cat >"$study_root/NuGet.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
EOF
cd "$study_root" || fail "cd $study_root"
dotnet new dslrunner -n MyStudy --debug:custom-hive "$hive" >"$(log new)" 2>&1 || { cat "$(log new)"; fail "dotnet new dslrunner"; }
cd MyStudy || fail "dotnet new dslrunner created no MyStudy folder"
for file in MyStudy.slnx README.md MyStudy/MyStudy.csproj MyStudy/quickstart.experiment.yaml MyStudy/QuickstartCs.cs \
            MyStudy.Tests/MyStudy.Tests.csproj MyStudy.Tests/Snapshots/quickstart.config.verified.json; do
  [ -f "$file" ] || fail "the new study lacks $file"
done
grep -q "Include=\"DslRunner\" Version=\"$version\"" MyStudy/MyStudy.csproj || fail "MyStudy.csproj does not reference DslRunner $version"
grep -q "Include=\"TorchSharp-cpu\" Version=\"$torchsharp\"" MyStudy/MyStudy.csproj || fail "MyStudy.csproj does not choose TorchSharp-cpu $torchsharp"
grep -q 'dotnet run --project MyStudy -- run quickstart' README.md && grep -q '^dotnet test' README.md \
  || fail "the study's README lacks its two commands"

step "build the study"
dotnet build >"$(log build)" 2>&1 || { tail -n 40 "$(log build)"; fail "dotnet build of the new study"; }
[ -f MyStudy/obj/experiment.schema.json ] || fail "the build did not copy the JSON Schema to MyStudy/obj/experiment.schema.json"
head -n 1 MyStudy/quickstart.experiment.yaml | grep -q 'schema=obj/experiment.schema.json' || fail "quickstart.experiment.yaml lacks the schema hint"

step "the study's tests (the packaged snapshot helper against the template's snapshots)"
CI=1 dotnet test --no-build >"$(log test)" 2>&1 || { tail -n 40 "$(log test)"; fail "dotnet test of the new study"; }
grep -q "Passed:     2" "$(log test)" || { tail -n 5 "$(log test)"; fail "the study's tests did not report 2 passed"; }

step "dotnet run -- list"
list=$(dotnet run --project MyStudy --no-build -- list 2>&1) || fail "list: $list"
grep -q '^quickstart ' <<<"$list" && grep -q '^quickstart-cs ' <<<"$list" || fail "list shows neither experiment: $list"

step "dotnet run -- run quickstart, a few steps"
short=(--set train.steps=4 --set train.eval_every=2 --set train.schedule.warmup=1 --set train.batch=4 --set data.tokens=20000)
dotnet run --project MyStudy --no-build -- run quickstart "${short[@]}" >"$(log run)" 2>&1 \
  || { tail -n 30 "$(log run)"; fail "run quickstart"; }
runs=(runs/quickstart/*/)
[ ${#runs[@]} -eq 1 ] && [ -d "${runs[0]}" ] || fail "expected one run folder under runs/quickstart/, found ${runs[*]}"
run=${runs[0]%/}
for file in manifest.json config.json metrics.jsonl checkpoint.bin tokenizer.json samples.json summary.md report.md; do
  [ -s "$run/$file" ] || fail "the run folder $run lacks $file"
done
grep -q '"steps": 4' "$run/config.json" || fail "$run/config.json does not record the overridden steps"
[ "$(grep -c '"split":"train"' "$run/metrics.jsonl")" = 4 ] || fail "$run/metrics.jsonl does not hold 4 training steps"

step "dotnet run -- rerun quickstart"
dotnet run --project MyStudy --no-build -- rerun quickstart >"$(log rerun)" 2>&1 || { tail -n 30 "$(log rerun)"; fail "rerun quickstart did not match"; }
grep -q MATCH "$(log rerun)" || fail "rerun printed no MATCH"

step "dotnet run -- diff quickstart quickstart-cs"
diff=$(dotnet run --project MyStudy --no-build -- diff quickstart quickstart-cs 2>&1) || fail "diff: $diff"
grep -q 'MyStudy.LogitMagnitude' <<<"$diff" || fail "diff does not show the C# experiment's loss term: $diff"

step "a YAML mistake is a build error at its file, line and column"
sed -i 's/layers: 2,/layers: two,/' MyStudy/quickstart.experiment.yaml
line=$(grep -n 'layers: two' MyStudy/quickstart.experiment.yaml | cut -d: -f1)
column=$(( $(sed -n "${line}p" MyStudy/quickstart.experiment.yaml | grep -bo 'two' | cut -d: -f1) + 1 ))
[ "$line" = 7 ] && [ "$column" = 37 ] || fail "the template's quickstart moved: 'layers' is at ($line,$column), expected (7,37)"
if dotnet build MyStudy --no-restore >"$(log broken)" 2>&1; then fail "the build succeeded with 'layers: two'"; fi
expected="MyStudy/quickstart.experiment.yaml(7,37): error DSL0004: 'model.layers' expects an integer, found 'two'"
grep -qF "$expected" "$(log broken)" || { grep -i error "$(log broken)" | head -n 5; fail "no '$expected'"; }

echo "packages end-to-end: passed (${SECONDS}s)"
