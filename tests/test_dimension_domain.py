"""The dimension tagger answers 其他, with low confidence, for text that is not office work."""

from __future__ import annotations

import pytest

from pipeline.dimensions.model import DOMAIN_FLOOR, DOMAIN_MIN_GRAMS, Prediction, in_domain, load_model, out_of_domain
from pipeline.document import Document
from pipeline.segment import cut
from pipeline.stages import run_stages

# Written for this test: national-report prose on the economy, industry, culture, diplomacy,
# farming, public finance and the environment, none of it an office's own work.
NOT_OFFICE = [
    "加快发展新质生产力，推动传统产业转型升级，培育壮大新能源汽车、生物医药、低空经济等战略性新兴产业集群。",
    "繁荣发展文化事业和文化产业，实施文艺精品创作工程，推进公共文化服务体系建设，加强文物和非物质文化遗产保护。",
    "坚持独立自主的和平外交政策，深化同周边国家睦邻友好，推动构建人类命运共同体，积极参与全球治理体系改革。",
    "实施积极的财政政策，合理扩大专项债券发行规模，优化税费优惠政策，降低实体经济融资成本，防范化解地方债务风险。",
    "持续打好蓝天碧水净土保卫战，推进重点行业超低排放改造，加强长江黄河流域生态保护修复，稳妥推进碳达峰碳中和。",
]
OFFICE = {
    "全年起草各类综合文稿126篇，编发政务信息54期，撰写调研报告9篇，其中5篇得到主要领导批示。": "参谋辅政",
    "建立重点工作督办台账，对县委常委会议定事项逐项跟踪问效，全年督办事项86件，按期办结率98%。": "督查落实",
    "全年受理群众来信来访320件次，化解信访积案12件，重要时段实现零非访。": "信访维稳",
    "组织办公室干部集中学习24次，开展廉政警示教育，干部作风明显转变。": "队伍建设",
}


def tagged(text: str) -> tuple[str, float]:
    doc = Document(text)
    run_stages(doc, ["dimensions"])
    p = doc.paragraphs[0]
    return p.dimension, p.confidence


@pytest.mark.parametrize("text", NOT_OFFICE)
def test_prose_that_is_not_office_work_is_other_with_low_confidence(text):
    known, total = load_model().gram_coverage(text)
    assert total >= DOMAIN_MIN_GRAMS and known < DOMAIN_FLOOR * total
    dim, conf = tagged(text)
    assert dim == "其他" and conf < 0.4


@pytest.mark.parametrize("text,dim", OFFICE.items())
def test_office_work_keeps_its_dimension(text, dim):
    known, total = load_model().gram_coverage(text)
    assert in_domain(known, total)
    got, conf = tagged(text)
    assert got == dim and conf >= 0.6


def test_a_not_office_paragraph_among_office_items_is_other():
    items = list(OFFICE)
    text = "\n".join(f"{n}、{t}" for n, t in zip("一二三", [items[0], NOT_OFFICE[0], items[1]], strict=True))
    doc = Document(text)
    run_stages(doc, ["dimensions"])
    assert [p.dimension for p in doc.paragraphs] == ["参谋辅政", "其他", "督查落实"]


def test_out_of_domain_keeps_the_probabilities():
    pred = Prediction("服务保障", 0.9, {"服务保障": 0.9, "其他": 0.1})
    assert out_of_domain(pred, "其他", 50, 100) is pred
    low = out_of_domain(pred, "其他", 10, 100)
    assert low.label == "其他" and low.confidence == pytest.approx(0.1) and low.probs == pred.probs
    assert out_of_domain(pred, "其他", 0, DOMAIN_MIN_GRAMS - 1) is pred  # too short to judge


def test_batch_coverage_matches_the_single_text_count():
    m = load_model()
    texts = [*NOT_OFFICE, *OFFICE, "", "abc 123", "会务"]
    got: list[tuple[int, int]] = []
    m.batch_logits(texts, [cut(t) for t in texts], got)
    assert got == [m.gram_coverage(t) for t in texts]


def test_not_office_vocabulary_does_not_count_as_known():
    m = load_model()
    assert 0 < m.domain_features <= len(m.index)
    outside = [f[1:] for f, i in m.index.items() if i >= m.domain_features and f.startswith("c") and len(f) == 3]
    if not outside:
        pytest.skip("model trained without not-office paragraphs")
    gram = outside[0]
    assert m.gram_coverage(gram) == (0, 1)
    got: list[tuple[int, int]] = []
    m.batch_logits([gram], [cut(gram)], got)
    assert got == [(0, 1)]
