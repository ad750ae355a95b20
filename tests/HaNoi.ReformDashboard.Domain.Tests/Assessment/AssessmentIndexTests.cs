using HaNoi.ReformDashboard.Domain.Assessment;
using HaNoi.ReformDashboard.Domain.Catalogue;

namespace HaNoi.ReformDashboard.Domain.Tests.Assessment;

public class AssessmentIndexTests
{
    [Fact]
    public void Ties_share_a_rank_and_the_next_rank_skips_and_a_unit_without_a_survey_is_divided_by_the_maximum_without_it()
    {
        // Departments, 100 points of which 30 from the survey.
        var ranked = AssessmentIndex.Rank(
        [
            new UnitResult("E", 50m, 20m, 100m, 30m),  // 70 / 100 = 70 %
            new UnitResult("A", 60m, 25m, 100m, 30m),  // 85 / 100 = 85 %
            new UnitResult("D", 56m, null, 100m, 30m), // no survey: 56 / 70 = 80 %
            new UnitResult("C", 70m, 10m, 100m, 30m),  // 80 / 100 = 80 %
            new UnitResult("B", 62m, 23m, 100m, 30m),  // 85 / 100 = 85 %
        ]);

        ranked.Select(r => (r.UnitKey, r.IndexPercent, r.Rank)).Should().Equal(
            ("A", 85m, 1), ("B", 85m, 1), ("C", 80m, 3), ("D", 80m, 3), ("E", 70m, 5));
        var d = ranked.Single(r => r.UnitKey == "D");
        d.SurveyMissing.Should().BeTrue();
        d.ApplicableMaximum.Should().Be(70m);
        d.Total.Should().Be(56m);
        ranked.Single(r => r.UnitKey == "A").Total.Should().Be(85m);
    }

    [Fact]
    public void Indexes_tie_as_they_are_shown_at_two_decimals()
    {
        // 85.004 % and 84.995 % both show as 85,00 %; 84.994 % shows as 84,99 %.
        var ranked = AssessmentIndex.Rank(
        [
            new UnitResult("X", 55.004m, 30m, 100m, 30m),
            new UnitResult("Y", 54.995m, 30m, 100m, 30m),
            new UnitResult("Z", 54.994m, 30m, 100m, 30m),
        ]);
        ranked.Select(r => (r.UnitKey, r.Rank)).Should().Equal(("X", 1), ("Y", 1), ("Z", 3));
        ranked[0].IndexPercent.Should().Be(85.004m, "the index itself stays unrounded");
    }

    [Fact]
    public void A_unit_with_nothing_applicable_is_left_out_of_the_ranking()
    {
        var ranked = AssessmentIndex.Rank([new UnitResult("A", 0m, null, 30m, 30m), new UnitResult("B", 50m, 20m, 100m, 30m)]);
        ranked.Select(r => r.UnitKey).Should().Equal("B");
        AssessmentIndex.Percent(new UnitResult("A", 0m, null, 30m, 30m)).Should().BeNull();
    }

    [Fact]
    public void The_index_of_a_unit_on_the_sample_framework_counts_only_its_blocks_sub_criteria()
    {
        var framework = SampleFramework.Build();
        // A department appraised 1 (1.1.1) + 2 (1.1.2) + 2 (1.2.1) = 5 of its 6 appraised points, survey 3 of 4:
        // (5 + 3) ÷ 10 × 100 = 80 %; without a survey score 5 ÷ (10 − 4) × 100 = 83.33… %.
        var max = framework.MaximumFor(UnitLevel.Department);
        var survey = framework.SurveyMaximumFor(UnitLevel.Department);
        AssessmentIndex.Percent(new UnitResult("SNV", 5m, 3m, max, survey)).Should().Be(80m);
        AssessmentIndex.Percent(new UnitResult("SNV", 5m, null, max, survey)).Should().Be(5m / 6m * 100m);
    }

    [Fact]
    public void Points_lost_per_field_and_criterion_leave_out_what_does_not_apply_and_the_survey()
    {
        var framework = SampleFramework.Build();
        var department = AssessmentIndex.Losses(framework, UnitLevel.Department,
            new Dictionary<string, decimal> { ["1.1.1"] = 1m, ["1.1.2"] = 2m, ["1.2.1"] = 0m });
        // Field 1 for a department: 1.1 = 1.1.1 (1) + 1.1.2 (3) = 4, scored 3, lost 1; 1.2 = 2, scored 0, lost 2.
        // Field 2 is the survey's only: not here (the survey's loss is the unit's survey maximum less its score).
        department.Should().ContainSingle();
        department[0].Should().BeEquivalentTo(new { Code = "1", Maximum = 6m, Scored = 3m, Lost = 3m });
        department[0].Criteria.Select(c => (c.Code, c.Maximum, c.Scored, c.Lost)).Should().Equal(("1.2", 2m, 0m, 2m), ("1.1", 4m, 3m, 1m));

        // A district: 1.1 = 1.1.1 (1) + the scale 1.1.3 (3); unanswered 1.2.1 scores nothing.
        var district = AssessmentIndex.Losses(framework, UnitLevel.District, new Dictionary<string, decimal> { ["1.1.1"] = 1m, ["1.1.3"] = 1m });
        district[0].Criteria.Select(c => (c.Code, c.Maximum, c.Scored, c.Lost)).Should().Equal(("1.1", 4m, 2m, 2m), ("1.2", 2m, 0m, 2m));
        district[0].Lost.Should().Be(4m);
    }

    [Fact]
    public void Change_against_the_previous_year_is_by_unit_in_points_and_places()
    {
        var now = AssessmentIndex.Rank([new UnitResult("A", 60m, 25m, 100m, 30m), new UnitResult("C", 50m, 30m, 100m, 30m), new UnitResult("N", 45m, 30m, 100m, 30m)]);
        var then = AssessmentIndex.Rank([new UnitResult("A", 55m, 27m, 100m, 30m), new UnitResult("C", 60m, 24m, 100m, 30m)]);
        // Now: A 85 % (1), C 80 % (2), N 75 % (3). Then: C 84 % (1), A 82 % (2).
        AssessmentIndex.Change(now, then).Select(c => (c.UnitKey, c.ChangePoints, c.PlacesGained)).Should().Equal(
            ("A", 3m, 1), ("C", -4m, -1), ("N", (decimal?)null, (int?)null));
    }

    [Theory]
    [InlineData("2023-01-09", null, true)]   // the opening day
    [InlineData("2023-01-31", null, true)]   // the closing day
    [InlineData("2023-02-01", null, false)]  // the day after
    [InlineData("2023-01-08", null, false)]  // before the opening
    [InlineData("2023-02-03", "2023-02-05", true)] // reopened for the unit
    [InlineData("2023-02-06", "2023-02-05", false)]
    public void A_round_is_open_from_its_opening_through_its_closing_day_or_a_units_reopening(string today, string? reopenedUntil, bool open) =>
        RoundWindow.IsOpen(new DateOnly(2023, 1, 9), new DateOnly(2023, 1, 31), DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture),
            reopenedUntil is null ? null : DateOnly.Parse(reopenedUntil, System.Globalization.CultureInfo.InvariantCulture)).Should().Be(open);

    [Fact]
    public void A_unit_edits_a_draft_inside_the_window_and_answers_a_request_for_evidence_until_its_deadline_only()
    {
        var (opens, closes) = (new DateOnly(2023, 1, 9), new DateOnly(2023, 1, 31));
        RoundWindow.UnitMayEdit(AssessmentState.Draft, opens, closes, new DateOnly(2023, 1, 20)).Should().BeTrue();
        RoundWindow.UnitMayEdit(AssessmentState.Submitted, opens, closes, new DateOnly(2023, 1, 20)).Should().BeFalse("submitted is locked");
        RoundWindow.UnitMayEdit(AssessmentState.EvidenceRequested, opens, closes, new DateOnly(2023, 2, 10), evidenceDueBy: new DateOnly(2023, 2, 10)).Should().BeTrue();
        RoundWindow.UnitMayEdit(AssessmentState.EvidenceRequested, opens, closes, new DateOnly(2023, 2, 11), evidenceDueBy: new DateOnly(2023, 2, 10)).Should().BeFalse();
        RoundWindow.UnitMayEdit(AssessmentState.Final, opens, closes, new DateOnly(2023, 1, 20)).Should().BeFalse();
    }
}
