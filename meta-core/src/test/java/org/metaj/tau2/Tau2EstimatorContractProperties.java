package org.metaj.tau2;

import net.jqwik.api.Group;

/**
 * Runs {@link Tau2EstimatorContract} against every tau^2 estimator of {@link Tau2Estimator#forName}: 200 generated
 * datasets per law and estimator (seeded, so a failure reproduces).
 */
class Tau2EstimatorContractProperties {
    @Group
    class FE extends Tau2EstimatorContract {
        @Override
        Tau2Estimator estimator() {
            return CommonEffect.INSTANCE;
        }
    }

    @Group
    class DL extends Tau2EstimatorContract {
        @Override
        Tau2Estimator estimator() {
            return DerSimonianLaird.INSTANCE;
        }
    }

    @Group
    class HE extends Tau2EstimatorContract {
        @Override
        Tau2Estimator estimator() {
            return Hedges.INSTANCE;
        }
    }

    @Group
    class HS extends Tau2EstimatorContract {
        @Override
        Tau2Estimator estimator() {
            return HunterSchmidt.INSTANCE;
        }
    }

    @Group
    class HSk extends Tau2EstimatorContract {
        @Override
        Tau2Estimator estimator() {
            return HunterSchmidtSmallSample.INSTANCE;
        }
    }

    @Group
    class SJ extends Tau2EstimatorContract {
        @Override
        Tau2Estimator estimator() {
            return SidikJonkman.INSTANCE;
        }
    }

    @Group
    class ML extends Tau2EstimatorContract {
        @Override
        Tau2Estimator estimator() {
            return MaximumLikelihood.INSTANCE;
        }
    }

    @Group
    class REML extends Tau2EstimatorContract {
        @Override
        Tau2Estimator estimator() {
            return RestrictedMaximumLikelihood.INSTANCE;
        }
    }

    @Group
    class EB extends Tau2EstimatorContract {
        @Override
        Tau2Estimator estimator() {
            return EmpiricalBayes.INSTANCE;
        }
    }

    @Group
    class PM extends Tau2EstimatorContract {
        @Override
        Tau2Estimator estimator() {
            return PauleMandel.INSTANCE;
        }
    }

    @Group
    class PMM extends Tau2EstimatorContract {
        @Override
        Tau2Estimator estimator() {
            return PauleMandelMedian.INSTANCE;
        }
    }
}
