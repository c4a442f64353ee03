#ifndef FLOWSIM_CGSL_SHIM_H
#define FLOWSIM_CGSL_SHIM_H
// The parts of the GNU Scientific Library that flowsim uses.
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#endif
