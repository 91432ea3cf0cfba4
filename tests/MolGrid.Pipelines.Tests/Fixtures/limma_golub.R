# Independent reference for MolGrid's differential expression (Expression/): R's limma, t.test and p.adjust
# on the shipped Golub data. Run from the repository root:
#   Rscript tests/MolGrid.Pipelines.Tests/Fixtures/limma_golub.R
# limma 3.54.1 (Debian r-bioc-limma), R 4.2. Writes the CSV fixtures beside this script.
suppressPackageStartupMessages(library(limma))
here <- "tests/MolGrid.Pipelines.Tests/Fixtures"
d <- read.csv("samples/expression/golub_all_vs_aml.csv", check.names = FALSE, stringsAsFactors = FALSE)
x <- as.matrix(d[, -(1:2)])
rownames(x) <- d$probe
# Groups from column-name prefixes: case AML, control ALL. Control is the reference level, so coefficient 2
# is case minus control (logFC > 0: higher in AML).
group <- factor(sub("_[0-9]+$", "", colnames(x)), levels = c("ALL", "AML"))
design <- model.matrix(~group)
fit <- eBayes(lmFit(x, design))
tt <- topTable(fit, coef = 2, number = Inf)  # default sort.by = "B", adjust.method = "BH"
out <- data.frame(probe = rownames(tt), logFC = tt$logFC, AveExpr = tt$AveExpr, t = tt$t,
                  P.Value = tt$P.Value, adj.P.Val = tt$adj.P.Val, B = tt$B)
write.csv(format(out, digits = 17), file.path(here, "limma_golub_toptable.csv"), row.names = FALSE, quote = FALSE)
prior <- data.frame(df.prior = fit$df.prior, s2.prior = fit$s2.prior, df.residual = fit$df.residual[1],
                    var.prior = fit$var.prior[2])
write.csv(format(prior, digits = 17), file.path(here, "limma_golub_prior.csv"), row.names = FALSE, quote = FALSE)

# Welch's t-test (R's default t.test, var.equal = FALSE) on a few probes, AML vs ALL.
probes <- c("U30255_at", "M27891_at", "X95735_at", "M84526_at", "D88422_at", "AFFX-HUMISGF3A/M97935_MA_at")
w <- do.call(rbind, lapply(probes, function(p) {
  r <- t.test(x[p, group == "AML"], x[p, group == "ALL"], var.equal = FALSE)
  data.frame(probe = p, t = unname(r$statistic), df = unname(r$parameter), p = r$p.value)
}))
write.csv(format(w, digits = 17), file.path(here, "welch_golub.csv"), row.names = FALSE, quote = FALSE)

# Benjamini-Hochberg on a vector with ties, zeros, ones and out-of-order values.
p <- c(0.01, 0.04, 0.03, 0.04, 0.2, 1, 0, 0.5, 0.049, 0.001, 0.04, 0.9)
write.csv(format(data.frame(p = p, bh = p.adjust(p, "BH")), digits = 17), file.path(here, "bh_reference.csv"),
          row.names = FALSE, quote = FALSE)
