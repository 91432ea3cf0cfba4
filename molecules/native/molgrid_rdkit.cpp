// MolGrid's thin C boundary over Debian's RDKit 2022.09.
//
// Rules every export follows, because a C++ exception or an RDKit log line must never reach .NET:
//  - each function catches everything and reports failure through its return value;
//  - the reason is kept per thread and read with mg_last_error();
//  - RDKit's error and warning logs are routed into that same per-thread buffer, so a parse failure
//    carries RDKit's own explanation ("SMILES Parse Error: ...") instead of vanishing.
//  - strings and arrays handed out are malloc'd and released by the caller with mg_free().
#include <GraphMol/GraphMol.h>
#include <GraphMol/Chirality.h>
#include <GraphMol/MolOps.h>
#include <GraphMol/SmilesParse/SmilesParse.h>
#include <GraphMol/SmilesParse/SmilesWrite.h>
#include <GraphMol/SmilesParse/SmartsWrite.h>
#include <RDGeneral/versions.h>
#include <GraphMol/FileParsers/FileParsers.h>
#include <GraphMol/Descriptors/MolDescriptors.h>
#include <GraphMol/Descriptors/Crippen.h>
#include <GraphMol/Descriptors/Lipinski.h>
#include <GraphMol/Descriptors/MolSurf.h>
#include <GraphMol/Fingerprints/MorganFingerprints.h>
#include <GraphMol/Fingerprints/AtomPairs.h>
#include <GraphMol/Substruct/SubstructMatch.h>
#include <GraphMol/ChemReactions/Reaction.h>
#include <GraphMol/ChemReactions/ReactionParser.h>
#include <GraphMol/ChemTransforms/ChemTransforms.h>
#include <GraphMol/ChemTransforms/MolFragmenter.h>
#include <GraphMol/DistGeomHelpers/Embedder.h>
#include <GraphMol/ForceFieldHelpers/MMFF/MMFF.h>
#include <GraphMol/Depictor/RDDepictor.h>
#include <GraphMol/MolDraw2D/MolDraw2DSVG.h>
#include <GraphMol/MolDraw2D/MolDraw2DUtils.h>
#include <GraphMol/FilterCatalog/FilterCatalog.h>
#include <GraphMol/PartialCharges/GasteigerCharges.h>
#include <DataStructs/ExplicitBitVect.h>
#include <RDGeneral/RDLog.h>
#include <boost/dynamic_bitset.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <random>
#include <sstream>
#include <streambuf>
#include <string>
#include <vector>

#define MG_EXPORT extern "C" __attribute__((visibility("default")))

using namespace RDKit;

namespace {

thread_local std::string t_error;
thread_local std::string t_log;

// An unbuffered streambuf that appends to the calling thread's log buffer, so concurrent
// parses on several threads each see only their own RDKit messages.
class ThreadLogBuf : public std::streambuf {
 protected:
  int overflow(int c) override {
    if (c != EOF) t_log.push_back(static_cast<char>(c));
    return c;
  }
  std::streamsize xsputn(const char *s, std::streamsize n) override {
    t_log.append(s, static_cast<size_t>(n));
    return n;
  }
};

// Leaked on purpose: RDKit's loggers flush their stream from static destructors at exit, which may run
// after ours; a heap stream that is never freed outlives them.
std::ostream *g_logstream = new std::ostream(new ThreadLogBuf);
std::once_flag g_init_once;

void init_once() {
  std::call_once(g_init_once, [] {
    // Legacy stereo perception is roughly cubic on long chains; the new code gives the same
    // canonical SMILES on drug-like molecules (measured in ENVIRONMENT.md).
    Chirality::setUseLegacyStereoPerception(false);
    rdErrorLog = std::make_shared<boost::logging::rdLogger>(g_logstream);
    rdWarningLog = std::make_shared<boost::logging::rdLogger>(g_logstream);
    rdInfoLog.reset();
    rdDebugLog.reset();
  });
}

// RDKit prefixes log lines with a timestamp "[hh:mm:ss] "; keep only the message.
std::string clean_log(const std::string &log) {
  std::string out;
  std::istringstream in(log);
  std::string line;
  while (std::getline(in, line)) {
    if (line.size() > 11 && line[0] == '[' && line[9] == ']') line = line.substr(11);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.pop_back();
    if (line.empty()) continue;
    if (!out.empty()) out += "; ";
    out += line;
  }
  return out;
}

void set_error(const std::string &what) {
  std::string log = clean_log(t_log);
  t_error = log.empty() ? what : what + ": " + log;
}

void begin_call() {
  init_once();
  t_error.clear();
  t_log.clear();
}

char *dup_string(const std::string &s) {
  char *p = static_cast<char *>(std::malloc(s.size() + 1));
  if (p) std::memcpy(p, s.c_str(), s.size() + 1);
  return p;
}

template <typename T>
T *dup_array(const std::vector<T> &v) {
  if (v.empty()) return nullptr;
  T *p = static_cast<T *>(std::malloc(v.size() * sizeof(T)));
  if (p) std::memcpy(p, v.data(), v.size() * sizeof(T));
  return p;
}

// Feature (FCFP) invariants when asked for, else null (RDKit then uses its default ECFP invariants).
std::vector<uint32_t> *feature_invariants(const ROMol &mol, bool use_features, std::vector<uint32_t> &storage) {
  if (!use_features) return nullptr;
  storage.resize(mol.getNumAtoms());
  MorganFingerprints::getFeatureInvariants(mol, storage);
  return &storage;
}

// Copies a sparse count vector into two malloc'd arrays (ids ascending, as RDKit stores them); returns the
// number of non-zero entries.
template <typename T>
int take_counts(const SparseIntVect<T> &fp, uint32_t **ids, uint32_t **counts) {
  std::vector<uint32_t> i, c;
  for (const auto &kv : fp.getNonzeroElements()) {
    i.push_back(static_cast<uint32_t>(kv.first));
    c.push_back(static_cast<uint32_t>(kv.second));
  }
  *ids = dup_array(i);
  *counts = dup_array(c);
  return static_cast<int>(i.size());
}

}  // namespace

struct mg_mol {
  std::unique_ptr<ROMol> mol;
};
struct mg_rxn {
  std::unique_ptr<ChemicalReaction> rxn;
};
struct mg_filter {
  std::unique_ptr<FilterCatalog> catalog;
};

#define MG_TRY try {
#define MG_CATCH(fail_value, msg)                          \
  }                                                         \
  catch (const std::exception &e) {                         \
    set_error(std::string(msg) + ": " + e.what());          \
    return fail_value;                                      \
  }                                                         \
  catch (...) {                                             \
    set_error(std::string(msg) + ": unknown RDKit error");  \
    return fail_value;                                      \
  }

// ---------------------------------------------------------------------------------------------
// Memory and errors

MG_EXPORT void mg_free(void *p) { std::free(p); }
MG_EXPORT const char *mg_last_error() { return t_error.c_str(); }
MG_EXPORT const char *mg_rdkit_version() { return RDKit::rdkitVersion; }

// ---------------------------------------------------------------------------------------------
// Construction and lifetime

MG_EXPORT mg_mol *mg_mol_from_smiles(const char *smiles, int sanitize) {
  begin_call();
  MG_TRY
  SmilesParserParams params;
  params.sanitize = sanitize != 0;
  std::unique_ptr<RWMol> m(SmilesToMol(smiles, params));
  if (!m) {
    set_error("not a valid SMILES");
    return nullptr;
  }
  return new mg_mol{std::unique_ptr<ROMol>(m.release())};
  MG_CATCH(nullptr, "not a valid SMILES")
}

MG_EXPORT mg_mol *mg_mol_from_smarts(const char *smarts) {
  begin_call();
  MG_TRY
  std::unique_ptr<RWMol> m(SmartsToMol(smarts));
  if (!m) {
    set_error("not a valid SMARTS");
    return nullptr;
  }
  return new mg_mol{std::unique_ptr<ROMol>(m.release())};
  MG_CATCH(nullptr, "not a valid SMARTS")
}

MG_EXPORT mg_mol *mg_mol_from_molblock(const char *molblock, int sanitize, int remove_hs) {
  begin_call();
  MG_TRY
  std::unique_ptr<RWMol> m(MolBlockToMol(molblock, sanitize != 0, remove_hs != 0));
  if (!m) {
    set_error("not a valid mol block");
    return nullptr;
  }
  return new mg_mol{std::unique_ptr<ROMol>(m.release())};
  MG_CATCH(nullptr, "not a valid mol block")
}

MG_EXPORT mg_mol *mg_mol_copy(const mg_mol *m) {
  begin_call();
  MG_TRY
  return new mg_mol{std::make_unique<ROMol>(*m->mol)};
  MG_CATCH(nullptr, "copy failed")
}

MG_EXPORT void mg_mol_free(mg_mol *m) { delete m; }

// ---------------------------------------------------------------------------------------------
// Writing

MG_EXPORT char *mg_mol_to_smiles(const mg_mol *m, int isomeric, int canonical) {
  begin_call();
  MG_TRY
  return dup_string(MolToSmiles(*m->mol, isomeric != 0, false, -1, canonical != 0));
  MG_CATCH(nullptr, "cannot write SMILES")
}

MG_EXPORT char *mg_mol_to_smarts(const mg_mol *m) {
  begin_call();
  MG_TRY
  return dup_string(MolToSmarts(*m->mol));
  MG_CATCH(nullptr, "cannot write SMARTS")
}

MG_EXPORT char *mg_mol_to_molblock(const mg_mol *m) {
  begin_call();
  MG_TRY
  return dup_string(MolToMolBlock(*m->mol));
  MG_CATCH(nullptr, "cannot write mol block")
}

// ---------------------------------------------------------------------------------------------
// Graph access: enough for C# ports of Python-only RDKit code (QED, SA score, Bertz, Pharm2D).

MG_EXPORT int mg_mol_num_atoms(const mg_mol *m) { return static_cast<int>(m->mol->getNumAtoms()); }
MG_EXPORT int mg_mol_num_bonds(const mg_mol *m) { return static_cast<int>(m->mol->getNumBonds()); }

// Per atom, 8 ints: atomic number, formal charge, total H count, degree, aromatic flag,
// in-ring flag, isotope, hybridisation (RDKit's enum value).
MG_EXPORT int mg_mol_atoms(const mg_mol *m, int *out) {
  begin_call();
  MG_TRY
  int i = 0;
  for (const auto atom : m->mol->atoms()) {
    int *a = out + 8 * i++;
    a[0] = atom->getAtomicNum();
    a[1] = atom->getFormalCharge();
    a[2] = static_cast<int>(atom->getTotalNumHs());
    a[3] = static_cast<int>(atom->getDegree());
    a[4] = atom->getIsAromatic() ? 1 : 0;
    a[5] = m->mol->getRingInfo()->numAtomRings(atom->getIdx()) > 0 ? 1 : 0;
    a[6] = static_cast<int>(atom->getIsotope());
    a[7] = static_cast<int>(atom->getHybridization());
  }
  return 0;
  MG_CATCH(-1, "atom table failed")
}

// Per bond, 4 ints: begin atom, end atom, bond type (RDKit's enum: 1 single, 2 double, 3 triple,
// 12 aromatic), in-ring flag.
MG_EXPORT int mg_mol_bonds(const mg_mol *m, int *out) {
  begin_call();
  MG_TRY
  int i = 0;
  for (const auto bond : m->mol->bonds()) {
    int *b = out + 4 * i++;
    b[0] = static_cast<int>(bond->getBeginAtomIdx());
    b[1] = static_cast<int>(bond->getEndAtomIdx());
    b[2] = static_cast<int>(bond->getBondType());
    b[3] = m->mol->getRingInfo()->numBondRings(bond->getIdx()) > 0 ? 1 : 0;
  }
  return 0;
  MG_CATCH(-1, "bond table failed")
}

// Sizes of the SSSR rings; returns how many there are (writes at most cap).
MG_EXPORT int mg_mol_ring_sizes(const mg_mol *m, int *out, int cap) {
  begin_call();
  MG_TRY
  const auto &rings = m->mol->getRingInfo()->atomRings();
  int n = static_cast<int>(rings.size());
  for (int i = 0; i < n && i < cap; ++i) out[i] = static_cast<int>(rings[i].size());
  return n;
  MG_CATCH(-1, "ring perception failed")
}

// Number of rings in the smallest set of smallest rings as Chem.GetSSSR computes it (MolOps::findSSSR,
// not the symmetrised set kept in RingInfo, which can hold more rings, e.g. cubane).
MG_EXPORT int mg_mol_sssr_count(const mg_mol *m) {
  begin_call();
  MG_TRY
  VECT_INT_VECT rings;
  return MolOps::findSSSR(*m->mol, rings);
  MG_CATCH(-1, "ring perception failed")
}

// Topological distance matrix, n*n doubles.
MG_EXPORT int mg_mol_distance_matrix(const mg_mol *m, double *out) {
  begin_call();
  MG_TRY
  const double *dm = MolOps::getDistanceMat(*m->mol);
  size_t n = m->mol->getNumAtoms();
  std::memcpy(out, dm, n * n * sizeof(double));
  return 0;
  MG_CATCH(-1, "distance matrix failed")
}

// Tetrahedral stereocentres, assigned or not, as Chem.FindMolChiralCenters(includeUnassigned=True,
// useLegacyImplementation=False): RDKit's findPotentialStereo. The legacy route
// (assignStereochemistry + _ChiralityPossible) over-counts once legacy perception is switched off
// (e.g. sulfonyl S), on 1,154 of the 10,000 WEHI molecules.
MG_EXPORT int mg_mol_num_chiral_centers(const mg_mol *m) {
  begin_call();
  MG_TRY
  RWMol copy(*m->mol);
  int n = 0;
  for (const auto &si : Chirality::findPotentialStereo(copy, false, true))
    if (si.type == Chirality::StereoType::Atom_Tetrahedral) ++n;
  return n;
  MG_CATCH(-1, "stereo perception failed")
}

MG_EXPORT char *mg_mol_formula(const mg_mol *m) {
  begin_call();
  MG_TRY
  return dup_string(Descriptors::calcMolFormula(*m->mol));
  MG_CATCH(nullptr, "formula failed")
}

// ---------------------------------------------------------------------------------------------
// Descriptors. Order is part of the ABI; MolDescriptors.cs mirrors it.
enum {
  D_MW = 0,
  D_EXACT_MW,
  D_CLOGP,
  D_MR,
  D_TPSA,
  D_HBD,
  D_HBA,
  D_ROTB,
  D_ROTB_STRICT,
  D_RINGS,
  D_AROMATIC_RINGS,
  D_HEAVY_ATOMS,
  D_FSP3,
  D_FORMAL_CHARGE,
  D_SPIRO,
  D_BRIDGEHEAD,
  D_HETEROATOMS,
  D_LIPINSKI_HBD,
  D_LIPINSKI_HBA,
  D_COUNT
};

// Wildman-Crippen logP and MR exactly as Descriptors::calcCrippenDescriptors(mol, logp, mr) computes them:
// hydrogens added; for each of RDKit's ~110 parameter SMARTS in order, every atom that is the first atom
// of a match (SubstructMatch, uniquify=false, at most 1,000 matches) and has no type yet gets that
// parameter; contributions summed in atom order. Typing dominated featurisation time, mostly in the
// per-call cost of RDKit's general substructure search, so the shim gets the same typing more cheaply:
//  - a pattern is skipped when its first atom matches no untyped atom (it could not type anything);
//  - the parameter patterns are small trees (checked once; otherwise RDKit's search is used), so their
//    embeddings are counted directly from each candidate first atom with RDKit's own atom and bond query
//    matchers. When a pattern has more than 1,000 embeddings, RDKit's search would stop early and its
//    result depends on enumeration order: the molecule then goes through RDKit's search instead.
// Same parameters, order and sums: bit-identical results (tested on 10,000 molecules against Python).
namespace {

struct CrippenTree {
  const Descriptors::CrippenParams *param = nullptr;
  std::vector<const Atom *> atoms;  // query atoms in index order; atom 0 is the typed atom
  std::vector<int> parent;          // for j > 0: its only neighbour with a lower index
  std::vector<const Bond *> bonds;  // for j > 0: the query bond to that parent
};

struct CrippenTrees {
  std::vector<CrippenTree> trees;
  bool usable = true;
};

const CrippenTrees &crippen_trees() {
  static const CrippenTrees result = [] {
    CrippenTrees t;
    for (const auto &param : *Descriptors::CrippenParamCollection::getParams()) {
      CrippenTree tree;
      tree.param = &param;
      const ROMol &q = *param.dp_pattern;
      const unsigned int nq = q.getNumAtoms();
      if (nq == 0 || q.getNumBonds() != nq - 1 || param.smarts.find('$') != std::string::npos) t.usable = false;
      tree.parent.assign(nq, -1);
      tree.bonds.assign(nq, nullptr);
      for (unsigned int j = 0; j < nq; ++j) {
        const Atom *atom = q.getAtomWithIdx(j);
        tree.atoms.push_back(atom);
        if (j == 0) continue;
        int lower = 0;
        for (const auto nb : q.atomNeighbors(atom)) {
          if (nb->getIdx() < j) {
            ++lower;
            tree.parent[j] = static_cast<int>(nb->getIdx());
            tree.bonds[j] = q.getBondBetweenAtoms(j, nb->getIdx());
          }
        }
        if (lower != 1) t.usable = false;
      }
      t.trees.push_back(std::move(tree));
    }
    return t;
  }();
  return result;
}

// Embeddings of query atoms j.. given map[0..j-1], counted up to `cap`.
int count_embeddings(const ROMol &mol, const CrippenTree &t, unsigned int j, std::vector<unsigned int> &map, int cap) {
  if (j == t.atoms.size()) return 1;
  int total = 0;
  const Atom *from = mol.getAtomWithIdx(map[t.parent[j]]);
  for (const auto &bi : boost::make_iterator_range(mol.getAtomBonds(from))) {
    const Bond *bond = mol[bi];
    const unsigned int other = bond->getOtherAtomIdx(from->getIdx());
    bool used = false;
    for (unsigned int u = 0; u < j && !used; ++u) used = map[u] == other;
    if (used) continue;
    if (!t.atoms[j]->Match(mol.getAtomWithIdx(other))) continue;
    if (!t.bonds[j]->Match(bond)) continue;
    map[j] = other;
    total += count_embeddings(mol, t, j + 1, map, cap - total);
    if (total >= cap) return total;
  }
  return total;
}

bool any_untyped_match(const ROMol &work, const Atom *first, const boost::dynamic_bitset<> &needed) {
  for (auto i = needed.find_first(); i != boost::dynamic_bitset<>::npos; i = needed.find_next(i))
    if (first->Match(work.getAtomWithIdx(static_cast<unsigned int>(i)))) return true;
  return false;
}

// RDKit's loop (SubstructMatch per pattern), with only the first-atom skip.
void crippen_types_by_search(const ROMol &work, std::vector<double> &logp_contribs, std::vector<double> &mr_contribs) {
  boost::dynamic_bitset<> needed(work.getNumAtoms());
  needed.set();
  for (const auto &param : *Descriptors::CrippenParamCollection::getParams()) {
    if (!any_untyped_match(work, param.dp_pattern->getAtomWithIdx(0), needed)) continue;
    std::vector<MatchVectType> matches;
    SubstructMatch(work, *param.dp_pattern, matches, false, true);
    for (const auto &match : matches) {
      int idx = match[0].second;
      if (needed[idx]) {
        needed[idx] = 0;
        logp_contribs[idx] = param.logp;
        mr_contribs[idx] = param.mr;
      }
    }
    if (needed.none()) break;
  }
}

// Returns false when some pattern has more than 1,000 embeddings (caller falls back to the search).
bool crippen_types_by_trees(const ROMol &work, std::vector<double> &logp_contribs, std::vector<double> &mr_contribs) {
  constexpr int max_matches = 1000;  // SubstructMatch's default maxMatches
  const unsigned int n = work.getNumAtoms();
  boost::dynamic_bitset<> needed(n);
  needed.set();
  std::vector<unsigned int> map;
  std::vector<unsigned int> roots;
  for (const auto &tree : crippen_trees().trees) {
    if (!any_untyped_match(work, tree.atoms[0], needed)) continue;
    map.assign(tree.atoms.size(), 0);
    roots.clear();
    int total = 0;
    for (unsigned int r = 0; r < n; ++r) {
      if (!tree.atoms[0]->Match(work.getAtomWithIdx(r))) continue;
      map[0] = r;
      const int c = count_embeddings(work, tree, 1, map, max_matches + 1 - total);
      if (c > 0) roots.push_back(r);
      total += c;
      if (total > max_matches) return false;
    }
    for (unsigned int r : roots) {
      if (needed[r]) {
        needed[r] = 0;
        logp_contribs[r] = tree.param->logp;
        mr_contribs[r] = tree.param->mr;
      }
    }
    if (needed.none()) break;
  }
  return true;
}

void crippen_descriptors(const ROMol &mol, double &logp, double &mr) {
  std::unique_ptr<ROMol> work(MolOps::addHs(mol, false, false));
  const unsigned int n = work->getNumAtoms();
  std::vector<double> logp_contribs(n, 0.0), mr_contribs(n, 0.0);
  if (!crippen_trees().usable || !crippen_types_by_trees(*work, logp_contribs, mr_contribs)) {
    std::fill(logp_contribs.begin(), logp_contribs.end(), 0.0);
    std::fill(mr_contribs.begin(), mr_contribs.end(), 0.0);
    crippen_types_by_search(*work, logp_contribs, mr_contribs);
  }
  logp = 0.0;
  for (double v : logp_contribs) logp += v;
  mr = 0.0;
  for (double v : mr_contribs) mr += v;
}

}  // namespace

MG_EXPORT int mg_descriptor_count() { return D_COUNT; }

MG_EXPORT int mg_mol_descriptors(const mg_mol *m, double *out) {
  begin_call();
  MG_TRY
  const ROMol &mol = *m->mol;
  double logp = 0, mr = 0;
  crippen_descriptors(mol, logp, mr);
  out[D_MW] = Descriptors::calcAMW(mol);
  out[D_EXACT_MW] = Descriptors::calcExactMW(mol);
  out[D_CLOGP] = logp;
  out[D_MR] = mr;
  out[D_TPSA] = Descriptors::calcTPSA(mol);
  out[D_HBD] = Descriptors::calcNumHBD(mol);
  out[D_HBA] = Descriptors::calcNumHBA(mol);
  out[D_ROTB] = Descriptors::calcNumRotatableBonds(mol, Descriptors::NonStrict);
  out[D_ROTB_STRICT] = Descriptors::calcNumRotatableBonds(mol, Descriptors::Strict);
  out[D_RINGS] = Descriptors::calcNumRings(mol);
  out[D_AROMATIC_RINGS] = Descriptors::calcNumAromaticRings(mol);
  out[D_HEAVY_ATOMS] = Descriptors::calcNumHeavyAtoms(mol);
  out[D_FSP3] = Descriptors::calcFractionCSP3(mol);
  int charge = 0;
  for (const auto atom : mol.atoms()) charge += atom->getFormalCharge();
  out[D_FORMAL_CHARGE] = charge;
  out[D_SPIRO] = Descriptors::calcNumSpiroAtoms(mol);
  out[D_BRIDGEHEAD] = Descriptors::calcNumBridgeheadAtoms(mol);
  out[D_HETEROATOMS] = Descriptors::calcNumHeteroatoms(mol);
  out[D_LIPINSKI_HBD] = Descriptors::calcLipinskiHBD(mol);
  out[D_LIPINSKI_HBA] = Descriptors::calcLipinskiHBA(mol);
  return 0;
  MG_CATCH(-1, "descriptor calculation failed")
}

// Crippen per-atom contributions (logP, MR), 2 doubles per atom; used by the depiction of
// contributions and by tests that check the sum.
MG_EXPORT int mg_mol_crippen_contribs(const mg_mol *m, double *out) {
  begin_call();
  MG_TRY
  size_t n = m->mol->getNumAtoms();
  std::vector<double> logp(n), mr(n);
  Descriptors::getCrippenAtomContribs(*m->mol, logp, mr, true);
  for (size_t i = 0; i < n; ++i) {
    out[2 * i] = logp[i];
    out[2 * i + 1] = mr[i];
  }
  return 0;
  MG_CATCH(-1, "Crippen contributions failed")
}

// ---------------------------------------------------------------------------------------------
// Fingerprints

// Morgan bit vector, written as 64-bit words (nbits must be a multiple of 64).
MG_EXPORT int mg_mol_morgan_bits(const mg_mol *m, int radius, int nbits, int use_features, uint64_t *words) {
  begin_call();
  MG_TRY
  std::vector<uint32_t> invariants;
  std::vector<uint32_t> *inv = feature_invariants(*m->mol, use_features != 0, invariants);
  std::unique_ptr<ExplicitBitVect> fp(
      MorganFingerprints::getFingerprintAsBitVect(*m->mol, radius, nbits, inv));
  std::memset(words, 0, sizeof(uint64_t) * (nbits / 64));
  std::vector<int> on;
  fp->getOnBits(on);
  for (int b : on) words[b >> 6] |= (uint64_t{1} << (b & 63));
  return 0;
  MG_CATCH(-1, "Morgan fingerprint failed")
}

// Unhashed Morgan counts (as AllChem.GetMorganFingerprint): ids and counts, sorted by id.
MG_EXPORT int mg_mol_morgan_counts(const mg_mol *m, int radius, int use_features, uint32_t **ids,
                                   uint32_t **counts) {
  begin_call();
  MG_TRY
  std::vector<uint32_t> invariants;
  std::vector<uint32_t> *inv = feature_invariants(*m->mol, use_features != 0, invariants);
  std::unique_ptr<SparseIntVect<uint32_t>> fp(MorganFingerprints::getFingerprint(*m->mol, radius, inv));
  return take_counts(*fp, ids, counts);
  MG_CATCH(-1, "Morgan fingerprint failed")
}

// Atom-pair counts (as rdMolDescriptors.GetAtomPairFingerprint), sorted by id.
MG_EXPORT int mg_mol_atom_pair_counts(const mg_mol *m, uint32_t **ids, uint32_t **counts) {
  begin_call();
  MG_TRY
  std::unique_ptr<SparseIntVect<int32_t>> fp(AtomPairs::getAtomPairFingerprint(*m->mol));
  return take_counts(*fp, ids, counts);
  MG_CATCH(-1, "atom-pair fingerprint failed")
}

// Atom-pair counts with distances limited to [min_length, max_length] bonds (as
// GetAtomPairFingerprint(mol, minLength, maxLength); GuacaMol's "AP" uses maxLength=10).
MG_EXPORT int mg_mol_atom_pair_counts_range(const mg_mol *m, int min_length, int max_length, uint32_t **ids,
                                            uint32_t **counts) {
  begin_call();
  MG_TRY
  std::unique_ptr<SparseIntVect<int32_t>> fp(AtomPairs::getAtomPairFingerprint(
      *m->mol, static_cast<unsigned int>(min_length), static_cast<unsigned int>(max_length)));
  return take_counts(*fp, ids, counts);
  MG_CATCH(-1, "atom-pair fingerprint failed")
}

// ---------------------------------------------------------------------------------------------
// Substructure

MG_EXPORT int mg_mol_has_substruct(const mg_mol *m, const mg_mol *query, int use_chirality) {
  begin_call();
  MG_TRY
  MatchVectType match;
  return SubstructMatch(*m->mol, *query->mol, match, true, use_chirality != 0) ? 1 : 0;
  MG_CATCH(-1, "substructure match failed")
}

// All matches, flattened: returns the number of matches; *atoms holds nmatch * query-atom-count
// indices (query atom order).
MG_EXPORT int mg_mol_substruct_matches(const mg_mol *m, const mg_mol *query, int uniquify, int max_matches,
                                       int **atoms) {
  begin_call();
  MG_TRY
  std::vector<MatchVectType> matches;
  SubstructMatchParameters params;
  params.uniquify = uniquify != 0;
  params.maxMatches = static_cast<unsigned int>(max_matches > 0 ? max_matches : 1000);
  matches = SubstructMatch(*m->mol, *query->mol, params);
  std::vector<int> flat;
  for (const auto &mv : matches)
    for (const auto &p : mv) flat.push_back(p.second);
  *atoms = dup_array(flat);
  return static_cast<int>(matches.size());
  MG_CATCH(-1, "substructure match failed")
}

MG_EXPORT mg_mol *mg_mol_delete_substructs(const mg_mol *m, const mg_mol *query, int only_frags) {
  begin_call();
  MG_TRY
  std::unique_ptr<ROMol> out(deleteSubstructs(*m->mol, *query->mol, only_frags != 0));
  return new mg_mol{std::move(out)};
  MG_CATCH(nullptr, "delete substructures failed")
}

// ---------------------------------------------------------------------------------------------
// Editing helpers

MG_EXPORT mg_mol *mg_mol_add_hs(const mg_mol *m) {
  begin_call();
  MG_TRY
  return new mg_mol{std::unique_ptr<ROMol>(MolOps::addHs(*m->mol))};
  MG_CATCH(nullptr, "adding hydrogens failed")
}

MG_EXPORT mg_mol *mg_mol_remove_hs(const mg_mol *m) {
  begin_call();
  MG_TRY
  return new mg_mol{std::unique_ptr<ROMol>(MolOps::removeHs(*m->mol))};
  MG_CATCH(nullptr, "removing hydrogens failed")
}

// Murcko scaffold as canonical SMILES ("" for acyclic molecules).
MG_EXPORT char *mg_mol_murcko_scaffold(const mg_mol *m) {
  begin_call();
  MG_TRY
  std::unique_ptr<ROMol> s(MurckoDecompose(*m->mol));
  if (!s) return dup_string("");
  RWMol rw(*s);
  MolOps::sanitizeMol(rw);
  return dup_string(MolToSmiles(rw));
  MG_CATCH(nullptr, "Murcko scaffold failed")
}

// Kekulizes in place, clearing aromatic flags (as Chem.Kekulize(mol, clearAromaticFlags=True)), so
// reactions and bond cuts can act on ring bonds as single/double bonds (Graph GA). Returns 0, or -1
// when the molecule cannot be kekulized (left unchanged).
MG_EXPORT int mg_mol_kekulize(mg_mol *m) {
  begin_call();
  MG_TRY
  std::unique_ptr<RWMol> rw(new RWMol(*m->mol));
  MolOps::Kekulize(*rw, true);
  m->mol.reset(rw.release());
  return 0;
  MG_CATCH(-1, "kekulization failed")
}

// Bond index between two atoms, or -1.
MG_EXPORT int mg_mol_bond_between(const mg_mol *m, int a, int b) {
  begin_call();
  MG_TRY
  const Bond *bond = m->mol->getBondBetweenAtoms(a, b);
  return bond ? static_cast<int>(bond->getIdx()) : -1;
  MG_CATCH(-1, "bad atom index")
}

// Breaks the given bonds, capping each end with a dummy atom labelled `dummy_label` (as
// Chem.FragmentOnBonds(..., dummyLabels=[(label,label)])); returns the fragments as one
// dot-separated SMILES, each fragment sanitised.
MG_EXPORT char *mg_mol_fragment_on_bonds(const mg_mol *m, const int *bonds, int nbonds, int dummy_label) {
  begin_call();
  MG_TRY
  std::vector<unsigned int> idx(bonds, bonds + nbonds);
  std::vector<std::pair<unsigned int, unsigned int>> labels(idx.size(), {dummy_label, dummy_label});
  std::unique_ptr<ROMol> frag(MolFragmenter::fragmentOnBonds(*m->mol, idx, true, &labels));
  RWMol rw(*frag);
  MolOps::sanitizeMol(rw);
  return dup_string(MolToSmiles(rw));
  MG_CATCH(nullptr, "fragmentation failed")
}

// BRICS bond fragmentation (as BRICS.BreakBRICSBonds): dummy atoms carry the BRICS environment label.
MG_EXPORT char *mg_mol_brics_fragments(const mg_mol *m) {
  begin_call();
  MG_TRY
  std::unique_ptr<ROMol> frag(MolFragmenter::fragmentOnBRICSBonds(*m->mol));
  return dup_string(MolToSmiles(*frag));
  MG_CATCH(nullptr, "BRICS fragmentation failed")
}

// ---------------------------------------------------------------------------------------------
// Reactions

MG_EXPORT mg_rxn *mg_rxn_from_smarts(const char *smarts) {
  begin_call();
  MG_TRY
  std::unique_ptr<ChemicalReaction> r(RxnSmartsToChemicalReaction(smarts));
  if (!r) {
    set_error("not a valid reaction SMARTS");
    return nullptr;
  }
  r->initReactantMatchers();
  return new mg_rxn{std::move(r)};
  MG_CATCH(nullptr, "not a valid reaction SMARTS")
}

MG_EXPORT void mg_rxn_free(mg_rxn *r) { delete r; }
MG_EXPORT int mg_rxn_num_reactants(const mg_rxn *r) { return static_cast<int>(r->rxn->getNumReactantTemplates()); }

// Runs the reaction; each product set whose products all sanitise becomes one line of the result,
// its products joined by '.'. Unsanitisable products are dropped (the caller wants valid molecules).
MG_EXPORT char *mg_rxn_run(const mg_rxn *r, const mg_mol *const *reactants, int nreactants, int max_products) {
  begin_call();
  MG_TRY
  MOL_SPTR_VECT rs;
  for (int i = 0; i < nreactants; ++i) rs.push_back(boost::make_shared<ROMol>(*reactants[i]->mol));
  auto products = r->rxn->runReactants(rs, static_cast<unsigned int>(max_products > 0 ? max_products : 1000));
  std::string out;
  for (const auto &set : products) {
    std::string line;
    bool ok = true;
    for (const auto &p : set) {
      RWMol rw(*p);
      unsigned int failed = 0;
      MolOps::sanitizeMol(rw, failed, MolOps::SANITIZE_ALL);
      if (failed != MolOps::SANITIZE_NONE) {
        ok = false;
        break;
      }
      if (!line.empty()) line += ".";
      line += MolToSmiles(rw);
    }
    if (ok && !line.empty()) {
      out += line;
      out += "\n";
    }
  }
  t_log.clear();  // sanitisation failures of candidate products are expected, not errors
  return dup_string(out);
  MG_CATCH(nullptr, "reaction failed")
}

// ---------------------------------------------------------------------------------------------
// 3D: ETKDGv3 embedding then MMFF94 optimisation. Returns a mol block with explicit hydrogens
// and writes the MMFF energy (NaN when MMFF has no parameters for the molecule).
MG_EXPORT char *mg_mol_embed_3d(const mg_mol *m, int seed, int max_iters, double *energy) {
  begin_call();
  MG_TRY
  std::unique_ptr<RWMol> h(new RWMol(*m->mol));
  MolOps::addHs(*h, false, true);
  DGeomHelpers::EmbedParameters params = DGeomHelpers::ETKDGv3;
  params.randomSeed = seed;
  int cid = DGeomHelpers::EmbedMolecule(*h, params);
  if (cid < 0) {
    set_error("3D embedding failed (ETKDGv3 found no conformer)");
    return nullptr;
  }
  *energy = std::numeric_limits<double>::quiet_NaN();
  MMFF::MMFFMolProperties props(*h);
  if (props.isValid()) {
    auto res = MMFF::MMFFOptimizeMolecule(*h, max_iters);
    *energy = res.second;
  }
  return dup_string(MolToMolBlock(*h));
  MG_CATCH(nullptr, "3D embedding failed")
}

// Gasteiger charges (one double per atom), as used for AutoDock's PDBQT.
MG_EXPORT int mg_mol_gasteiger_charges(const mg_mol *m, double *out) {
  begin_call();
  MG_TRY
  ROMol copy(*m->mol);
  computeGasteigerCharges(copy, 12, true);
  for (const auto atom : copy.atoms()) {
    double q = 0;
    atom->getPropIfPresent(common_properties::_GasteigerCharge, q);
    if (q != q) q = 0;  // NaN for atoms without parameters
    out[atom->getIdx()] = q;
  }
  return 0;
  MG_CATCH(-1, "Gasteiger charges failed")
}

// ---------------------------------------------------------------------------------------------
// Depiction

MG_EXPORT char *mg_mol_to_svg(const mg_mol *m, int width, int height, const char *legend) {
  begin_call();
  MG_TRY
  RWMol copy(*m->mol);
  RDDepict::compute2DCoords(copy);
  MolDraw2DSVG drawer(width, height);
  MolDraw2DUtils::prepareMolForDrawing(copy);
  drawer.drawMolecule(copy, legend ? std::string(legend) : std::string());
  drawer.finishDrawing();
  return dup_string(drawer.getDrawingText());
  MG_CATCH(nullptr, "depiction failed")
}

// ---------------------------------------------------------------------------------------------
// Structural alerts. catalogs is a bit mask: 1 PAINS, 2 Brenk, 4 NIH, 8 ZINC.

MG_EXPORT mg_filter *mg_filter_new(int catalogs) {
  begin_call();
  MG_TRY
  FilterCatalogParams params;
  if (catalogs & 1) params.addCatalog(FilterCatalogParams::PAINS);
  if (catalogs & 2) params.addCatalog(FilterCatalogParams::BRENK);
  if (catalogs & 4) params.addCatalog(FilterCatalogParams::NIH);
  if (catalogs & 8) params.addCatalog(FilterCatalogParams::ZINC);
  return new mg_filter{std::make_unique<FilterCatalog>(params)};
  MG_CATCH(nullptr, "filter catalogue failed")
}

MG_EXPORT void mg_filter_free(mg_filter *f) { delete f; }
MG_EXPORT int mg_filter_size(const mg_filter *f) { return static_cast<int>(f->catalog->getNumEntries()); }

// Descriptions of every matching entry, one per line, each prefixed with its catalogue name
// ("PAINS\t...", "Brenk\t...").
MG_EXPORT char *mg_filter_matches(const mg_filter *f, const mg_mol *m) {
  begin_call();
  MG_TRY
  std::string out;
  for (const auto &entry : f->catalog->getMatches(*m->mol)) {
    std::string scope;
    entry->getProp(std::string("FilterSet"), scope);
    out += scope + "\t" + entry->getDescription() + "\n";
  }
  return dup_string(out);
  MG_CATCH(nullptr, "filter matching failed")
}

// ---------------------------------------------------------------------------------------------
// Learning: what graph networks and model explanations read.

// Per atom, 7 ints: atomic number, total degree (explicit neighbours + hydrogens, as Atom.GetTotalDegree),
// formal charge, chiral tag (RDKit's enum), total H count, hybridisation (RDKit's enum), aromatic flag;
// and its mass (Atom.GetMass) in mass[i]. These are Chemprop's atom features before one-hot encoding.
MG_EXPORT int mg_mol_learning_atoms(const mg_mol *m, int *out, double *mass) {
  begin_call();
  MG_TRY
  int i = 0;
  for (const auto atom : m->mol->atoms()) {
    int *a = out + 7 * i;
    a[0] = atom->getAtomicNum();
    a[1] = static_cast<int>(atom->getTotalDegree());
    a[2] = atom->getFormalCharge();
    a[3] = static_cast<int>(atom->getChiralTag());
    a[4] = static_cast<int>(atom->getTotalNumHs());
    a[5] = static_cast<int>(atom->getHybridization());
    a[6] = atom->getIsAromatic() ? 1 : 0;
    mass[i++] = atom->getMass();
  }
  return 0;
  MG_CATCH(-1, "atom features failed")
}

// Per bond, 6 ints: begin atom, end atom, bond type (RDKit's enum), conjugated flag, in-ring flag
// (Bond.IsInRing), stereo (RDKit's BondStereo enum). Chemprop's bond features before one-hot encoding.
MG_EXPORT int mg_mol_learning_bonds(const mg_mol *m, int *out) {
  begin_call();
  MG_TRY
  int i = 0;
  for (const auto bond : m->mol->bonds()) {
    int *b = out + 6 * i++;
    b[0] = static_cast<int>(bond->getBeginAtomIdx());
    b[1] = static_cast<int>(bond->getEndAtomIdx());
    b[2] = static_cast<int>(bond->getBondType());
    b[3] = bond->getIsConjugated() ? 1 : 0;
    b[4] = m->mol->getRingInfo()->numBondRings(bond->getIdx()) > 0 ? 1 : 0;
    b[5] = static_cast<int>(bond->getStereo());
  }
  return 0;
  MG_CATCH(-1, "bond features failed")
}

// Which atom environments set each bit of the Morgan bit vector (AllChem.GetMorganFingerprintAsBitVect with
// bitInfo): triples (bit, centre atom, radius) written to out (at most cap triples); returns how many there are.
MG_EXPORT int mg_mol_morgan_bit_info(const mg_mol *m, int radius, int nbits, int *out, int cap) {
  begin_call();
  MG_TRY
  MorganFingerprints::BitInfoMap info;
  std::unique_ptr<ExplicitBitVect> fp(MorganFingerprints::getFingerprintAsBitVect(
      *m->mol, radius, nbits, nullptr, nullptr, false, true, false, &info));
  int n = 0;
  for (const auto &[bit, envs] : info)
    for (const auto &[atom, r] : envs) {
      if (n < cap) {
        out[3 * n] = static_cast<int>(bit);
        out[3 * n + 1] = static_cast<int>(atom);
        out[3 * n + 2] = static_cast<int>(r);
      }
      ++n;
    }
  return n;
  MG_CATCH(-1, "Morgan bit info failed")
}

// SVG with each atom shaded by a weight in [-1, 1]: green raises, red lowers the prediction, the colour's
// strength the weight's size (as RDKit's similarity maps colour atoms). Atoms with |w| < 0.02 stay plain.
MG_EXPORT char *mg_mol_to_svg_weighted(const mg_mol *m, int width, int height, const double *weights) {
  begin_call();
  MG_TRY
  RWMol copy(*m->mol);
  RDDepict::compute2DCoords(copy);
  MolDraw2DSVG drawer(width, height);
  MolDraw2DUtils::prepareMolForDrawing(copy);
  std::vector<int> atoms;
  std::map<int, DrawColour> colours;
  std::map<int, double> radii;
  for (unsigned int i = 0; i < copy.getNumAtoms(); ++i) {
    const double w = std::max(-1.0, std::min(1.0, weights[i]));
    if (std::abs(w) < 0.02) continue;
    const double fade = 1.0 - std::abs(w);
    atoms.push_back(static_cast<int>(i));
    colours[static_cast<int>(i)] = w > 0 ? DrawColour(fade, 1.0 - 0.35 * std::abs(w), fade) : DrawColour(1.0, fade, fade);
    radii[static_cast<int>(i)] = 0.3 + 0.2 * std::abs(w);
  }
  drawer.drawOptions().fillHighlights = true;
  const std::vector<int> no_bonds;  // a bond between two shaded atoms would take one atom's colour
  drawer.drawMolecule(copy, "", &atoms, &no_bonds, &colours, nullptr, &radii);
  drawer.finishDrawing();
  return dup_string(drawer.getDrawingText());
  MG_CATCH(nullptr, "weighted depiction failed")
}

// ---------------------------------------------------------------------------------------------
// Randomised SMILES (augmentation for SMILES language models).
//
// The "restricted" randomisation of Arus-Pous et al. (2019), which REINVENT's priors train on: renumber the
// atoms by a random permutation, then write non-canonical SMILES, so the traversal starts and branches follow
// the new numbering. The permutation comes from a generator seeded by the caller (not RDKit's global one), so
// the same seed gives the same string on every thread and call.
MG_EXPORT char *mg_mol_to_random_smiles(const mg_mol *m, unsigned long long seed, int isomeric) {
  begin_call();
  MG_TRY
  const unsigned int n = m->mol->getNumAtoms();
  if (n == 0) return dup_string(std::string());
  std::vector<unsigned int> order(n);
  for (unsigned int i = 0; i < n; ++i) order[i] = i;
  std::mt19937_64 rng(seed);
  // Fisher-Yates with our own draws: std::shuffle's use of the engine differs between standard libraries.
  for (unsigned int i = n - 1; i > 0; --i) {
    unsigned int j = static_cast<unsigned int>(rng() % (i + 1));
    std::swap(order[i], order[j]);
  }
  std::unique_ptr<ROMol> renumbered(MolOps::renumberAtoms(*m->mol, order));
  return dup_string(MolToSmiles(*renumbered, isomeric != 0, false, -1, false));
  MG_CATCH(nullptr, "cannot write randomised SMILES")
}
