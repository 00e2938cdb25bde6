package org.casehub.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The shape of the code, checked on the compiled classes so that it cannot drift: no two concerns import each other
 * (directly or round a loop), and the layers README's "Layout" draws depend one way only — a record enters through
 * a feed, passes the pipeline steps, is stored by the index, which hands its events to publish; operators' APIs and
 * the status page sit on top and nothing below them knows they exist.
 */
@AnalyzeClasses(packages = "org.casehub", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageGraphTest {

    @ArchTest
    static final ArchRule noPackageImportsAnotherThatImportsItBack =
            slices().matching("org.casehub.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule layersDependOneWay = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("foundation").definedBy("org.casehub.core..", "org.casehub.home..", "org.casehub.cluster..",
                    "org.casehub.jobs..", "org.casehub.health..", "org.casehub.apidocs..")
            .layer("network").definedBy("org.casehub.network..")
            .layer("security").definedBy("org.casehub.security..")
            .layer("steps").definedBy("org.casehub.mapping..", "org.casehub.dedup..", "org.casehub.golden..")
            .layer("publish").definedBy("org.casehub.publish..")
            .layer("quarantine").definedBy("org.casehub.quarantine..")
            .layer("deadline").definedBy("org.casehub.deadline..")
            .layer("steering").definedBy("org.casehub.steering..")
            .layer("index").definedBy("org.casehub.index..")
            .layer("feeds").definedBy("org.casehub.feed..")
            .layer("process").definedBy("org.casehub.progress..")
            .layer("warning").definedBy("org.casehub.warning..")
            .layer("top").definedBy("org.casehub.ops..", "org.casehub.cases..", "org.casehub.unmapped..",
                    "org.casehub.simulator..", "org.casehub.embedded..", "org.casehub.timeline..", "org.casehub.writeback..",
                    "org.casehub.reseal..", "org.casehub")
            .whereLayer("top").mayNotBeAccessedByAnyLayer()
            .whereLayer("feeds").mayOnlyBeAccessedByLayers("top")
            .whereLayer("process").mayOnlyBeAccessedByLayers("top")
            .whereLayer("warning").mayOnlyBeAccessedByLayers("top")
            .whereLayer("index").mayOnlyBeAccessedByLayers("process", "warning", "top")
            .whereLayer("steering").mayOnlyBeAccessedByLayers("index", "process", "warning", "top")
            .whereLayer("deadline").mayOnlyBeAccessedByLayers("steering", "index", "process", "warning", "top")
            .whereLayer("quarantine").mayOnlyBeAccessedByLayers("steering", "index", "process", "warning", "top")
            .whereLayer("publish").mayOnlyBeAccessedByLayers("deadline", "steering", "index", "process", "warning", "top")
            .whereLayer("steps").mayOnlyBeAccessedByLayers("feeds", "steering", "index", "process", "warning", "top")
            .whereLayer("security").mayOnlyBeAccessedByLayers("steps", "publish", "quarantine", "deadline", "steering",
                    "index", "feeds", "process", "warning", "top")
            .whereLayer("network").mayOnlyBeAccessedByLayers("security", "steps", "publish", "quarantine", "deadline",
                    "steering", "index", "feeds", "process", "warning", "top");
}
